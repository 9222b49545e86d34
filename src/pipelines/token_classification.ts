// token-classification / ner: one label per token, optionally merged into words and entities,
// with character offsets into the input — the algorithm of transformers' TokenClassificationPipeline.
import { Pipeline } from "./base";
import { encodeOne, floats, modelInputs } from "./encoding";
import { PipelineException } from "./errors";
import { argmax, softmax } from "./math";
import type { PipelineTokenizer } from "./types";

export type AggregationStrategy = "none" | "simple" | "first" | "average" | "max";

/** One token's prediction (aggregation_strategy "none"). */
export interface TokenEntity {
  entity: string;
  score: number;
  index: number;
  word: string;
  start: number | null;
  end: number | null;
}

/** A group of tokens forming one entity (any other aggregation strategy). */
export interface GroupedEntity {
  entity_group: string;
  score: number;
  word: string;
  start: number | null;
  end: number | null;
}

export interface TokenClassificationOptions {
  aggregation_strategy?: AggregationStrategy;
  /** Labels to leave out of the result (default ["O"]). */
  ignore_labels?: string[];
  /** Older spelling of `aggregation_strategy: "simple"` (with ignore_subwords: "first"). */
  grouped_entities?: boolean;
  ignore_subwords?: boolean;
}

/** A token before aggregation: its scores over all labels and whether it continues the previous word. */
export interface PreEntity {
  word: string;
  scores: number[];
  start: number | null;
  end: number | null;
  index: number;
  is_subword: boolean;
}

interface WordEntity {
  entity: string;
  score: number;
  word: string;
  start: number | null;
  end: number | null;
  index?: number;
}

/** "B-PER" → ["B", "PER"]; "I-PER" → ["I", "PER"]; a label without a prefix continues ("I"). */
function getTag(label: string): [string, string] {
  if (label.startsWith("B-")) return ["B", label.slice(2)];
  if (label.startsWith("I-")) return ["I", label.slice(2)];
  return ["I", label];
}

/** Turns per-token scores into entities; pure, so it is tested on its own. */
export class EntityAggregator {
  constructor(
    private readonly id2label: (i: number) => string,
    private readonly tokensToString: (tokens: string[]) => string,
  ) {}

  aggregate(preEntities: PreEntity[], strategy: AggregationStrategy): (TokenEntity | GroupedEntity)[] {
    let entities: WordEntity[];
    if (strategy === "none" || strategy === "simple") {
      entities = preEntities.map((p) => {
        const best = argmax(p.scores);
        return { entity: this.id2label(best), score: p.scores[best], index: p.index, word: p.word, start: p.start, end: p.end };
      });
    } else {
      entities = this.aggregateWords(preEntities, strategy);
    }
    if (strategy === "none") return entities as TokenEntity[];
    return this.groupEntities(entities);
  }

  private aggregateWord(tokens: PreEntity[], strategy: AggregationStrategy): WordEntity {
    const word = this.tokensToString(tokens.map((t) => t.word));
    let scores: number[];
    if (strategy === "first") scores = tokens[0].scores;
    else if (strategy === "max") {
      scores = tokens.reduce((best, t) => (Math.max(...t.scores) > Math.max(...best.scores) ? t : best)).scores;
    } else if (strategy === "average") {
      scores = tokens[0].scores.map((_, j) => tokens.reduce((sum, t) => sum + t.scores[j], 0) / tokens.length);
    } else {
      throw new PipelineException(`Unknown aggregation_strategy "${strategy}". Use "none", "simple", "first", "average" or "max".`);
    }
    const best = argmax(scores);
    return { entity: this.id2label(best), score: scores[best], word, start: tokens[0].start, end: tokens[tokens.length - 1].end };
  }

  /** Merges sub-word tokens into words, each word taking one label by the strategy. */
  private aggregateWords(preEntities: PreEntity[], strategy: AggregationStrategy): WordEntity[] {
    const words: WordEntity[] = [];
    let group: PreEntity[] | null = null;
    for (const entity of preEntities) {
      if (group === null) group = [entity];
      else if (entity.is_subword) group.push(entity);
      else {
        words.push(this.aggregateWord(group, strategy));
        group = [entity];
      }
    }
    if (group !== null) words.push(this.aggregateWord(group, strategy));
    return words;
  }

  private groupSubEntities(entities: WordEntity[]): GroupedEntity {
    const label = entities[0].entity.split("-").pop() as string;
    const score = entities.reduce((sum, e) => sum + e.score, 0) / entities.length;
    return {
      entity_group: label,
      score,
      word: this.tokensToString(entities.map((e) => e.word)),
      start: entities[0].start,
      end: entities[entities.length - 1].end,
    };
  }

  /** Joins neighbouring words with the same entity type unless the next one begins a new entity (B-). */
  private groupEntities(entities: WordEntity[]): GroupedEntity[] {
    const groups: GroupedEntity[] = [];
    let current: WordEntity[] = [];
    for (const entity of entities) {
      if (current.length === 0) {
        current.push(entity);
        continue;
      }
      const [bi, tag] = getTag(entity.entity);
      const [, lastTag] = getTag(current[current.length - 1].entity);
      if (tag === lastTag && bi !== "B") current.push(entity);
      else {
        groups.push(this.groupSubEntities(current));
        current = [entity];
      }
    }
    if (current.length) groups.push(this.groupSubEntities(current));
    return groups;
  }
}

/** The prefix marking word-continuation tokens (WordPiece's "##"), or null for tokenizers without one. */
function continuingSubwordPrefix(tokenizer: PipelineTokenizer, modelType: string | undefined): string | null {
  const declared = (tokenizer as { continuing_subword_prefix?: unknown }).continuing_subword_prefix;
  if (typeof declared === "string" && declared) return declared;
  return ["bert", "distilbert", "electra", "mobilebert"].includes(modelType ?? "") ? "##" : null;
}

export class TokenClassificationPipeline extends Pipeline<string, (TokenEntity | GroupedEntity)[], TokenClassificationOptions> {
  protected async runOne(sentence: string, options: TokenClassificationOptions) {
    if (typeof sentence !== "string") throw new PipelineException("token-classification takes a string or a list of strings.");
    const legacy = options.grouped_entities ? (options.ignore_subwords ? "first" : "simple") : "none";
    const strategy = options.aggregation_strategy ?? legacy;
    if (!["none", "simple", "first", "average", "max"].includes(strategy)) {
      throw new PipelineException(`Unknown aggregation_strategy "${strategy}". Use "none", "simple", "first", "average" or "max".`);
    }
    const encoding = encodeOne(this.tokenizer, sentence, { truncation: true, return_offsets_mapping: true, return_special_tokens_mask: true });
    const outputs = await this.model(modelInputs(encoding));
    const { data, shape } = floats(outputs.logits, "logits");
    const numLabels = shape[shape.length - 1];

    const prefix = continuingSubwordPrefix(this.tokenizer, this.model.config.model_type);
    const unk = this.tokenizer.unk_token_id;
    const tokens = this.tokenizer.convert_ids_to_tokens(encoding.input_ids) as string[];
    const preEntities: PreEntity[] = [];
    encoding.input_ids.forEach((id, idx) => {
      if (encoding.special_tokens_mask?.[idx]) return;
      const scores = softmax(Array.from(data.slice(idx * numLabels, (idx + 1) * numLabels), Number));
      let word = tokens[idx];
      let start: number | null = null;
      let end: number | null = null;
      let isSubword = false;
      const offsets = encoding.offset_mapping?.[idx];
      if (offsets) {
        [start, end] = offsets;
        const wordRef = sentence.slice(start, end);
        // A word-aware vocabulary marks continuations itself; otherwise a token glued to the previous
        // character (no space between) is taken as a continuation, as Python does.
        isSubword = prefix !== null ? word.length !== wordRef.length : start > 0 && !sentence.slice(start - 1, start + 1).includes(" ");
        if (id === unk) {
          word = wordRef;
          isSubword = false;
        }
      }
      preEntities.push({ word, scores, start, end, index: idx, is_subword: isSubword });
    });

    const id2label = (i: number) => this.model.config.id2label?.[i] ?? `LABEL_${i}`;
    const aggregator = new EntityAggregator(id2label, (t) => this.tokenizer.convert_tokens_to_string(t));
    const ignore = options.ignore_labels ?? ["O"];
    return aggregator
      .aggregate(preEntities, strategy)
      .filter((e) => !ignore.includes("entity" in e ? e.entity : e.entity_group));
  }
}
