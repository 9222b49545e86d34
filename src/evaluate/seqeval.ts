// Entity-level scores for token classification, as the seqeval package computes them in its default
// (conlleval-compatible) mode: entity spans are read from IOB1, IOB2, IOE or IOBES tags, a predicted
// entity counts only when its type and both ends match a reference entity exactly.
import { MetricInputError } from "./errors";
import { type ZeroDivision } from "./classification";

/** One entity: its type and first/last token position in the flattened tag stream. */
interface Entity {
  type: string;
  start: number;
  end: number;
}

function splitTag(tag: string, suffix: boolean): { prefix: string; type: string } {
  if (suffix) return { prefix: tag.slice(-1), type: tag.slice(0, -1).replace(/-[^-]*$/, "") || "_" };
  const rest = tag.slice(1);
  const dash = rest.indexOf("-");
  return { prefix: tag.slice(0, 1), type: (dash >= 0 ? rest.slice(dash + 1) : rest) || "_" };
}

/** Does an entity close before this tag? (conlleval's endOfChunk.) */
function entityEnds(prev: string, tag: string, prevType: string, type: string): boolean {
  if (prev === "E" || prev === "S") return true;
  if ((prev === "B" || prev === "I") && (tag === "B" || tag === "S" || tag === "O")) return true;
  return prev !== "O" && prev !== "." && prevType !== type;
}

/** Does an entity open at this tag? (conlleval's startOfChunk.) */
function entityStarts(prev: string, tag: string, prevType: string, type: string): boolean {
  if (tag === "B" || tag === "S") return true;
  // An I or E right after an O, E or S opens an entity: that is how IOB1 marks most entity starts.
  if ((tag === "E" || tag === "I") && (prev === "E" || prev === "S" || prev === "O")) return true;
  return tag !== "O" && tag !== "." && prevType !== type;
}

/** All entities of the sentences; an "O" between sentences keeps entities from running across them. */
export function getEntities(sentences: readonly string[][], suffix = false): Entity[] {
  const stream = sentences.flatMap((s) => [...s, "O"]);
  const entities: Entity[] = [];
  let prev = "O";
  let prevType = "";
  let begin = 0;
  [...stream, "O"].forEach((raw, i) => {
    const { prefix, type } = splitTag(raw, suffix);
    if (entityEnds(prev, prefix, prevType, type)) entities.push({ type: prevType, start: begin, end: i - 1 });
    if (entityStarts(prev, prefix, prevType, type)) begin = i;
    prev = prefix;
    prevType = type;
  });
  return entities;
}

export interface EntityScore {
  precision: number;
  recall: number;
  f1: number;
  /** How many reference entities have this type (seqeval's support). */
  number: number;
}

export type SeqevalResult = Record<string, EntityScore | number> & {
  overall_precision: number;
  overall_recall: number;
  overall_f1: number;
  overall_accuracy: number;
};

export interface SeqevalInputs {
  predictions: string[][];
  references: string[][];
  /** Tags are written `PER-B` instead of `B-PER`. */
  suffix?: boolean;
  zero_division?: ZeroDivision;
}

function checkSentences(predictions: unknown, references: unknown): void {
  if (!Array.isArray(predictions) || !Array.isArray(references) || [...predictions, ...references].some((s) => !Array.isArray(s))) {
    throw new MetricInputError('seqeval needs one list of tags per sentence, e.g. { predictions: [["B-PER", "O"]], references: [["B-PER", "O"]] }.');
  }
  if (predictions.length !== references.length) {
    throw new MetricInputError(`predictions has ${predictions.length} sentences but references has ${references.length}; give one prediction per sentence.`);
  }
  if (predictions.length === 0) throw new MetricInputError("There is nothing to score: predictions and references are empty.");
  predictions.forEach((p: unknown[], i) => {
    if (p.length !== (references[i] as unknown[]).length) {
      throw new MetricInputError(`Sentence ${i} has ${p.length} predicted tags but ${(references[i] as unknown[]).length} reference tags; tag every token once.`);
    }
  });
}

function score(tp: number, predicted: number, truth: number, zero: number): Omit<EntityScore, "number"> {
  const precision = predicted === 0 ? zero : tp / predicted;
  const recall = truth === 0 ? zero : tp / truth;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export function seqevalScores({ predictions, references, suffix = false, zero_division = "warn" }: SeqevalInputs): SeqevalResult {
  checkSentences(predictions, references);
  const zero = zero_division === "warn" ? 0 : zero_division;
  const key = (e: Entity) => `${e.type}\u0000${e.start}\u0000${e.end}`;
  const truth = getEntities(references, suffix);
  const predicted = getEntities(predictions, suffix);
  const truthKeys = new Set(truth.map(key));
  const types = [...new Set([...truth, ...predicted].map((e) => e.type))].sort();
  const result: Record<string, EntityScore | number> = {};
  let tpAll = 0;
  for (const type of types) {
    const t = truth.filter((e) => e.type === type).length;
    const p = predicted.filter((e) => e.type === type);
    const tp = p.filter((e) => truthKeys.has(key(e))).length;
    tpAll += tp;
    result[type] = { ...score(tp, p.length, t, zero), number: t };
  }
  const overall = score(tpAll, predicted.length, truth.length, zero);
  const tokens = references.flat();
  const correct = predictions.flat().filter((tag, i) => tag === tokens[i]).length;
  return {
    ...result,
    overall_precision: overall.precision,
    overall_recall: overall.recall,
    overall_f1: overall.f1,
    overall_accuracy: correct / tokens.length,
  } as SeqevalResult;
}
