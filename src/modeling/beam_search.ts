// Beam search as transformers 5 runs it (GenerationMixin._beam_search): every step keeps the
// 2·num_beams best continuations of all beams, continues the num_beams best that did not just
// end, and files those that ended (EOS or the length limit) among the finished hypotheses, scored
// by sum of log-probabilities / generated length ** length_penalty. Scores are kept in float32,
// as torch keeps them, so ties and near-ties break the same way.
import { Tensor } from "../tensor";
import { throwIfInterrupted } from "../utils/cancellation";
import { applyNoRepeatNgram, applyRepetitionPenalty } from "./generation";

export interface BeamSearchSettings {
  num_beams: number;
  /** Exponent of the length in the score's denominator: > 0 favours longer sequences. */
  length_penalty: number;
  /** true: stop once num_beams hypotheses are finished; false: while a better one is still possible; "never": only at the length limit. */
  early_stopping: boolean | "never";
  num_return_sequences: number;
  /** The length limit, prompt included. */
  max_length: number;
  eos: number[];
  pad: number;
  repetition_penalty: number;
  no_repeat_ngram_size: number;
}

/**
 * One model step: the last position's logits for each row (prompt plus tokens so far, all rows
 * of one length); `parents[r]` is the row of the previous step that row r continues (null on the
 * first step), for reordering a key/value cache.
 */
export type BeamStep = (rows: number[][], parents: number[] | null) => Promise<Float32Array[]>;

export interface BeamSearchResult {
  sequences: number[][];
  sequences_scores: number[];
}

const NEG = -1.0e9; // torch's "very large negative" score of a beam that must not be picked
const f32 = Math.fround;

interface Hypothesis {
  tokens: number[];
  score: number;
  finished: boolean;
}

/** Indices of the k largest scores, largest first; ties keep the lower index first. */
function topIndices(scores: ArrayLike<number>, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (best.length === k && !(s > scores[best[k - 1]])) continue;
    let at = best.length === k ? k - 1 : best.length;
    while (at > 0 && s > scores[best[at - 1]]) at--;
    best.splice(at, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
}

/** log_softmax of one row, in float32 as torch returns it. */
function logSoftmax(row: Float32Array): Float32Array {
  let max = -Infinity;
  for (const v of row) if (v > max) max = v;
  let sum = 0;
  for (const v of row) sum += Math.exp(v - max);
  const logSum = Math.log(sum);
  return row.map((v) => v - max - logSum);
}

/** Rows `indices` of a tensor's first dimension (a key/value cache reordered to follow the beams). */
export function gatherRows(tensor: Tensor, indices: number[]): Tensor {
  const rowSize = tensor.shape.slice(1).reduce((a, b) => a * b, 1);
  const data = tensor.data as Float32Array;
  const out = new Float32Array(indices.length * rowSize);
  indices.forEach((from, to) => out.set(data.subarray(from * rowSize, (from + 1) * rowSize), to * rowSize));
  return new Tensor(out, [indices.length, ...tensor.shape.slice(1)], tensor.dtype);
}

export async function beamSearch(prompts: number[][], settings: BeamSearchSettings, step: BeamStep): Promise<BeamSearchResult> {
  const { num_beams: beams, length_penalty: lengthPenalty, early_stopping: earlyStopping, max_length: maxLength, eos } = settings;
  const promptLength = prompts[0].length;
  const keep = Math.max(2, 1 + eos.length) * beams;
  // Only the first beam starts alive, so the first step's candidates are not num_beams copies.
  const running: Hypothesis[][] = prompts.map(() => Array.from({ length: beams }, (_, k) => ({ tokens: [], score: k === 0 ? 0 : NEG, finished: false })));
  const finished: Hypothesis[][] = prompts.map(() => Array.from({ length: beams }, () => ({ tokens: [], score: NEG, finished: false })));
  const improvable = prompts.map(() => true);
  let parents: number[] | null = null;
  let curLength = promptLength;

  for (;;) {
    throwIfInterrupted();
    const rows = prompts.flatMap((prompt, b) => running[b].map((h) => [...prompt, ...h.tokens]));
    const logits = await step(rows, parents);
    const nextParents: number[] = [];
    let everyCandidateStopped = true;
    for (let b = 0; b < prompts.length; b++) {
      // Scores of every (beam, token) continuation, [num_beams × vocab] flattened.
      const vocab = logits[b * beams].length;
      const accumulated = new Float32Array(beams * vocab);
      for (let k = 0; k < beams; k++) {
        const logProbs = logSoftmax(logits[b * beams + k]);
        applyRepetitionPenalty(logProbs, rows[b * beams + k], settings.repetition_penalty);
        applyNoRepeatNgram(logProbs, rows[b * beams + k], settings.no_repeat_ngram_size);
        const base = running[b][k].score;
        for (let v = 0; v < vocab; v++) accumulated[k * vocab + v] = logProbs[v] + base;
      }
      const top = topIndices(accumulated, keep);
      const candidates = top.map((index) => {
        const parent = Math.floor(index / vocab);
        const token = index % vocab;
        return { parent, tokens: [...running[b][parent].tokens, token], logProb: accumulated[index], stops: eos.includes(token) || curLength + 1 >= maxLength };
      });
      if (!candidates.every((c) => c.stops)) everyCandidateStopped = false;

      // The num_beams best candidates that did not just stop continue.
      const continuing = candidates.map((c) => f32(c.logProb + (c.stops ? NEG : 0)));
      const chosen = topIndices(continuing, beams);
      running[b] = chosen.map((i) => ({ tokens: candidates[i].tokens, score: continuing[i], finished: false }));
      nextParents.push(...chosen.map((i) => b * beams + candidates[i].parent));

      // Candidates among the num_beams best that stopped become finished hypotheses if they beat the current ones.
      const full = finished[b].every((h) => h.finished) && earlyStopping === true;
      const scored = candidates.map((c, i) => {
        let score = f32(c.logProb / f32((curLength + 1 - promptLength) ** lengthPenalty));
        if (full) score = f32(score + NEG);
        if (!improvable[b]) score = f32(score + NEG);
        const justFinished = c.stops && i < beams;
        if (!justFinished) score = f32(score + NEG);
        return { tokens: c.tokens, score, finished: justFinished };
      });
      const merged = [...finished[b], ...scored];
      finished[b] = topIndices(merged.map((h) => h.score), beams).map((i) => merged[i]);
    }
    parents = nextParents;
    curLength++;

    // Can a running beam still beat the worst finished one (its score if every next token had probability 1)?
    for (let b = 0; b < prompts.length; b++) {
      const bestLength = earlyStopping === "never" && lengthPenalty > 0 ? maxLength - promptLength : curLength - promptLength;
      const bestPossible = f32(running[b][0].score / f32(bestLength ** lengthPenalty));
      const worstFinished = Math.min(...finished[b].map((h) => h.score));
      improvable[b] = improvable[b] && finished[b].some((h) => bestPossible > (h.finished ? worstFinished : NEG));
    }
    const allFinished = finished.every((hs) => hs.every((h) => h.finished)) && earlyStopping === true;
    if (!improvable.some(Boolean) || allFinished || everyCandidateStopped) break;
  }

  const returned = finished.map((hs) => hs.slice(0, settings.num_return_sequences));
  const width = Math.max(...returned.flat().map((h) => h.tokens.length));
  return {
    sequences: returned.flatMap((hs, b) => hs.map((h) => [...prompts[b], ...h.tokens, ...Array(width - h.tokens.length).fill(settings.pad)])),
    sequences_scores: returned.flat().map((h) => h.score),
  };
}
