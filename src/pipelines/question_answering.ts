// question-answering: the span of the context that answers the question, `{ score, start, end,
// answer }`, with long contexts split into overlapping windows (`doc_stride`) — the algorithm of
// transformers' QuestionAnsweringPipeline.
import { Pipeline } from "./base";
import { encodingsOf, floats, modelInputs } from "./encoding";
import { PipelineException } from "./errors";
import type { Encoding } from "./types";

export interface QuestionAnsweringInput {
  question: string;
  context: string;
}

export interface QuestionAnsweringResult {
  score: number;
  start: number;
  end: number;
  answer: string;
}

export interface QuestionAnsweringOptions {
  /** How many answers (default 1: one object; more: a list, best first). */
  top_k?: number;
  /** Tokens per window, question included (default min(384, model_max_length)). */
  max_seq_len?: number;
  /** Tokens shared by neighbouring windows of a long context (default min(max_seq_len / 2, 128)). */
  doc_stride?: number;
  /** Longest answer in tokens (default 15). */
  max_answer_len?: number;
  /** Also consider "no answer" (empty string at 0..0). */
  handle_impossible_answer?: boolean;
  /** Widen answers to whole words (default true). */
  align_to_words?: boolean;
}

/** 0 for question tokens, 1 for context tokens, null for special tokens. */
function sequenceIds(encoding: Encoding): (number | null)[] {
  if (encoding.sequence_ids) return encoding.sequence_ids;
  // Without sequence_ids(): tokens after the second special token belong to the context.
  const special = encoding.special_tokens_mask ?? encoding.input_ids.map(() => 0);
  let seenSpecial = 0;
  return encoding.input_ids.map((_, i) => {
    if (special[i]) {
      if (i > 0) seenSpecial++;
      return null;
    }
    return seenSpecial === 0 ? 0 : 1;
  });
}

interface Candidate {
  start: number;
  end: number;
  score: number;
}

/**
 * The best (start ≤ end < start + maxAnswerLen) token spans by start probability × end probability,
 * keeping only spans whose both ends are allowed — Python's `QuestionAnsweringPipeline.decode`.
 */
export function bestSpans(start: number[], end: number[], allowed: boolean[], topK: number, maxAnswerLen: number): Candidate[] {
  const candidates: Candidate[] = [];
  for (let s = 0; s < start.length; s++) {
    for (let e = s; e < Math.min(end.length, s + maxAnswerLen); e++) candidates.push({ start: s, end: e, score: start[s] * end[e] });
  }
  candidates.sort((a, b) => b.score - a.score || a.start - b.start || a.end - b.end);
  return candidates.slice(0, topK).filter((c) => allowed[c.start] && allowed[c.end]);
}

/** Softmax over the allowed positions; disallowed ones get -10000 first, as Python does. */
function maskedSoftmax(logits: number[], allowed: boolean[]): number[] {
  const masked = logits.map((v, i) => (allowed[i] ? v : -10000));
  const max = Math.max(...masked);
  const exps = masked.map((v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((v) => v / sum);
}

/** Python's two-argument form, `qa(question, context)`, besides `qa({ question, context })`. */
export interface QuestionAnsweringPipeline {
  (question: string, context: string, options?: QuestionAnsweringOptions): Promise<any>;
  (inputs: QuestionAnsweringInput | QuestionAnsweringInput[], options?: QuestionAnsweringOptions): Promise<any>;
}

export class QuestionAnsweringPipeline extends Pipeline<QuestionAnsweringInput, QuestionAnsweringResult | QuestionAnsweringResult[], QuestionAnsweringOptions> {
  /** Also accepts Python's two-argument form: `qa(question, context, options?)`. */
  protected override async _call(inputs: any, options?: any, extra?: any): Promise<any> {
    if (typeof inputs === "string" && typeof options === "string") return super._call({ question: inputs, context: options }, extra);
    return super._call(inputs, options);
  }

  protected async runOne(input: QuestionAnsweringInput, options: QuestionAnsweringOptions) {
    if (!input || typeof input.question !== "string" || typeof input.context !== "string") {
      throw new PipelineException("question-answering takes { question, context } (or a list of them), or qa(question, context).");
    }
    if (!input.question.trim() || !input.context.trim()) throw new PipelineException("The question and the context must not be empty.");
    const topK = options.top_k ?? 1;
    if (topK < 1) throw new PipelineException(`top_k must be at least 1 (got ${topK}).`);
    const maxAnswerLen = options.max_answer_len ?? 15;
    if (maxAnswerLen < 1) throw new PipelineException(`max_answer_len must be at least 1 (got ${maxAnswerLen}).`);
    const maxSeqLen = options.max_seq_len ?? Math.min(this.tokenizer.model_max_length ?? 384, 384);
    const docStride = options.doc_stride ?? Math.min(Math.floor(maxSeqLen / 2), 128);
    const alignToWords = options.align_to_words ?? true;

    const windows = encodingsOf(
      this.tokenizer(input.question, {
        text_pair: input.context,
        truncation: "only_second",
        max_length: maxSeqLen,
        stride: docStride,
        return_overflowing_tokens: true,
        return_offsets_mapping: true,
        return_special_tokens_mask: true,
      }),
    );

    const answers: QuestionAnsweringResult[] = [];
    let minNullScore = 1_000_000;
    for (const window of windows) {
      const outputs = await this.model(modelInputs(window));
      const startLogits = Array.from(floats(outputs.start_logits, "start_logits").data, Number);
      const endLogits = Array.from(floats(outputs.end_logits, "end_logits").data, Number);
      const seq = sequenceIds(window);
      // Answers may only lie in the context; the [CLS] position stays allowed for "no answer".
      const allowed = seq.map((s, i) => s === 1 && (window.attention_mask?.[i] ?? 1) === 1);
      const clsIndex = window.input_ids.findIndex((id) => id === this.tokenizer.cls_token_id);
      const softmaxAllowed = allowed.map((a, i) => a || i === clsIndex);
      const start = maskedSoftmax(startLogits, softmaxAllowed);
      const end = maskedSoftmax(endLogits, softmaxAllowed);
      if (options.handle_impossible_answer) minNullScore = Math.min(minNullScore, start[0] * end[0]);
      start[0] = 0;
      end[0] = 0;
      for (const span of bestSpans(start, end, allowed, topK, maxAnswerLen)) {
        const [charStart, charEnd] = this.charSpan(window, span.start, span.end, alignToWords);
        answers.push({ score: span.score, start: charStart, end: charEnd, answer: input.context.slice(charStart, charEnd) });
      }
    }
    if (options.handle_impossible_answer) answers.push({ score: minNullScore, start: 0, end: 0, answer: "" });
    answers.sort((a, b) => b.score - a.score);
    const best = answers.slice(0, topK);
    if (best.length === 0) return { score: 0, start: 0, end: 0, answer: "" };
    return best.length === 1 ? best[0] : best;
  }

  /** Character span in the context of tokens s..e, widened to whole words when asked. */
  private charSpan(window: Encoding, s: number, e: number, alignToWords: boolean): [number, number] {
    const offsets = window.offset_mapping;
    if (!offsets) throw new PipelineException("question-answering needs a tokenizer that returns offset_mapping.");
    let start = offsets[s][0];
    let end = offsets[e][1];
    const words = window.word_ids;
    if (alignToWords && words) {
      const seq = sequenceIds(window);
      const inWord = (w: number | null) => (i: number) => w !== null && words[i] === w && seq[i] === 1;
      const startWord = words.map((_, i) => i).filter(inWord(words[s]));
      const endWord = words.map((_, i) => i).filter(inWord(words[e]));
      if (startWord.length) start = Math.min(...startWord.map((i) => offsets[i][0]));
      if (endWord.length) end = Math.max(...endWord.map((i) => offsets[i][1]));
    }
    return [start, end];
  }
}
