import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluate, MetricInputError, type EntityScore } from "../../src/evaluate";

const close = (actual: unknown, expected: number, what: string) => {
  assert.ok(typeof actual === "number" && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} is not ${expected}`);
};

test("seqeval (IOB2): an entity counts only when type and both ends match", () => {
  const seqeval = evaluate.load("seqeval");
  // The predicted MISC spans tokens 2-5, the reference MISC tokens 3-5: no match. PER 0-1 matches.
  // Entities: 2 predicted, 2 true, 1 correct → precision 1/2, recall 1/2, f1 1/2.
  // Tokens: 10, differing at sentence 1 positions 2 and 3 → accuracy 8/10.
  const result = seqeval.compute({
    predictions: [["O", "O", "B-MISC", "I-MISC", "I-MISC", "I-MISC", "O"], ["B-PER", "I-PER", "O"]],
    references: [["O", "O", "O", "B-MISC", "I-MISC", "I-MISC", "O"], ["B-PER", "I-PER", "O"]],
  });
  assert.deepEqual(result.MISC, { precision: 0, recall: 0, f1: 0, number: 1 });
  assert.deepEqual(result.PER, { precision: 1, recall: 1, f1: 1, number: 1 });
  close(result.overall_precision, 0.5, "overall precision");
  close(result.overall_recall, 0.5, "overall recall");
  close(result.overall_f1, 0.5, "overall f1");
  close(result.overall_accuracy, 0.8, "overall accuracy");
  assert.deepEqual(Object.keys(result), ["MISC", "PER", "overall_precision", "overall_recall", "overall_f1", "overall_accuracy"]);
});

test("seqeval (IOB1): I- after O opens an entity, B- splits two adjacent ones", () => {
  // Reference: PER 0-1, LOC 3-3 (I-LOC after O), LOC 4-4 (B-LOC right after a LOC).
  // Prediction: PER 0-1, LOC 3-4 (I-LOC continues).
  // PER: 1 of 1 → 1/1/1. LOC: 0 correct of 1 predicted and 2 true → 0/0/0, number 2.
  // Overall: 1 correct, 2 predicted, 3 true → P 1/2, R 1/3, F 2·(1/2)(1/3)/(1/2+1/3) = 2/5.
  // Tokens: 6, differing only at position 4 → 5/6.
  const result = evaluate.load("seqeval").compute({
    predictions: [["I-PER", "I-PER", "O", "I-LOC", "I-LOC", "O"]],
    references: [["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "O"]],
  });
  assert.deepEqual(result.LOC, { precision: 0, recall: 0, f1: 0, number: 2 });
  assert.deepEqual(result.PER, { precision: 1, recall: 1, f1: 1, number: 1 });
  close(result.overall_precision, 1 / 2, "P");
  close(result.overall_recall, 1 / 3, "R");
  close(result.overall_f1, 2 / 5, "F");
  close(result.overall_accuracy, 5 / 6, "accuracy");
});

test("seqeval: a type change ends an entity, sentences never share one, suffix tags", () => {
  const seqeval = evaluate.load("seqeval");
  // B-PER I-LOC: PER 0-0 and LOC 1-1. The prediction tags both as PER: one entity PER 0-1, wrong.
  const typeChange = seqeval.compute({ predictions: [["B-PER", "I-PER"]], references: [["B-PER", "I-LOC"]] });
  assert.equal((typeChange.PER as EntityScore).number, 1);
  assert.equal((typeChange.LOC as EntityScore).number, 1);
  close(typeChange.overall_precision, 0, "the one predicted entity is wrong");
  // An I-PER opening a new sentence is a new entity, not the continuation of the last sentence's.
  const perSentence = seqeval.compute({ predictions: [["B-PER"], ["I-PER"]], references: [["B-PER"], ["I-PER"]] });
  assert.equal((perSentence.PER as EntityScore).number, 2);
  close(perSentence.overall_f1, 1, "both found");
  const suffix = seqeval.compute({ predictions: [["PER-B", "PER-I", "O"]], references: [["PER-B", "PER-I", "O"]], suffix: true });
  assert.deepEqual(suffix.PER, { precision: 1, recall: 1, f1: 1, number: 1 });
});

test("seqeval: no entities at all, zero_division, and bad inputs", () => {
  const seqeval = evaluate.load("seqeval");
  // Nothing to find and nothing found: precision and recall are 0/0 → zero_division; f1 from them.
  const none = seqeval.compute({ predictions: [["O", "O"]], references: [["O", "O"]] });
  assert.deepEqual(none, { overall_precision: 0, overall_recall: 0, overall_f1: 0, overall_accuracy: 1 });
  const noneOne = seqeval.compute({ predictions: [["O"]], references: [["O"]], zero_division: 1 });
  close(noneOne.overall_f1, 1, "P = R = 1 → F 1");
  assert.throws(() => seqeval.compute({ predictions: [["O", "B-PER"]], references: [["O"]] }), (e: Error) => e instanceof MetricInputError && /Sentence 0 has 2 predicted tags but 1/.test(e.message));
  assert.throws(() => seqeval.compute({ predictions: [["O"]], references: [] }), MetricInputError);
  assert.throws(() => seqeval.compute({ predictions: [], references: [] }), (e: Error) => e instanceof MetricInputError && /empty/.test(e.message));
  assert.throws(() => seqeval.compute({ predictions: ["B-PER", "O"], references: ["B-PER", "O"] }), (e: Error) => e instanceof MetricInputError && /one list of tags per sentence/.test(e.message));
});
