import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluate, MetricInputError, MetricNotFoundError } from "../../src/evaluate";
import { Tensor } from "../../src/tensor";

const close = (actual: unknown, expected: number, what: string) => {
  assert.equal(typeof actual, "number", what);
  assert.ok(Math.abs((actual as number) - expected) < 1e-9, `${what}: ${actual} is not ${expected}`);
};

// Binary fixture. Pairs (reference, prediction):
// (1,1) TP, (0,0) TN, (1,0) FN, (1,1) TP, (0,1) FP, (1,1) TP, (0,0) TN, (0,1) FP
// → TP = 3, FP = 2, FN = 1, TN = 2.
const binary = { references: [1, 0, 1, 1, 0, 1, 0, 0], predictions: [1, 0, 0, 1, 1, 1, 0, 1] };

// Three-class fixture, index: 0 1 2 3 4 5 6 7
//   references               0 1 2 0 1 2 0 2
//   predictions              0 2 1 0 0 2 1 0
// class 0: true 3 (0,3,6), predicted 4 (0,3,4,7), tp 2 (0,3) → P 1/2, R 2/3, F 2·2/(3+4) = 4/7
// class 1: true 2 (1,4),   predicted 2 (2,6),     tp 0       → P 0,   R 0,   F 0
// class 2: true 3 (2,5,7), predicted 2 (1,5),     tp 1 (5)   → P 1/2, R 1/3, F 2·1/(3+2) = 2/5
// correct at 0, 3, 5 → accuracy 3/8
const multi = { references: [0, 1, 2, 0, 1, 2, 0, 2], predictions: [0, 2, 1, 0, 0, 2, 1, 0] };

test("accuracy: share of equal pairs, sample weights and normalize=false", () => {
  const accuracy = evaluate.load("accuracy");
  close(accuracy.compute(binary).accuracy, 5 / 8, "5 of 8 pairs agree");
  close(accuracy.compute(multi).accuracy, 3 / 8, "3 of 8 pairs agree");
  // The last pair (0 vs 1, wrong) weighs 5: correct weight 5 of total 7 + 5 = 12.
  const sample_weight = [1, 1, 1, 1, 1, 1, 1, 5];
  close(accuracy.compute({ ...binary, sample_weight }).accuracy, 5 / 12, "weighted");
  close(accuracy.compute({ ...binary, normalize: false }).accuracy, 5, "count of correct pairs");
});

test("precision, recall, f1 (binary): pos_label 1 by default, or the class given", () => {
  close(evaluate.load("precision").compute(binary).precision, 3 / 5, "TP/(TP+FP) = 3/5");
  close(evaluate.load("recall").compute(binary).recall, 3 / 4, "TP/(TP+FN) = 3/4");
  close(evaluate.load("f1").compute(binary).f1, 6 / 9, "2TP/(2TP+FP+FN) = 6/9");
  // With 0 as the positive class: tp = TN = 2, predicted 0 = TN + FN = 3, true 0 = TN + FP = 4.
  close(evaluate.load("precision").compute({ ...binary, pos_label: 0 }).precision, 2 / 3, "2/3");
  close(evaluate.load("recall").compute({ ...binary, pos_label: 0 }).recall, 2 / 4, "2/4");
  close(evaluate.load("f1").compute({ ...binary, pos_label: 0 }).f1, 4 / 7, "2·2/(4+3)");
  // String labels name their positive class.
  const spam = { references: ["spam", "ham", "spam"], predictions: ["spam", "spam", "ham"] };
  close(evaluate.load("precision").compute({ ...spam, pos_label: "spam" }).precision, 1 / 2, "1 of 2 predicted spam is spam");
  assert.throws(() => evaluate.load("f1").compute(spam), (e: Error) => e instanceof MetricInputError && /pos_label=1 is not a label/.test(e.message));
});

test("precision, recall, f1 averaged: micro, macro, weighted and per class", () => {
  const f1 = evaluate.load("f1");
  const precision = evaluate.load("precision");
  const recall = evaluate.load("recall");
  // micro: tp 3 of 8 predicted and 8 true → 3/8 (equal to accuracy for single-label data).
  close(f1.compute({ ...multi, average: "micro" }).f1, 3 / 8, "micro f1");
  close(precision.compute({ ...multi, average: "micro" }).precision, 3 / 8, "micro precision");
  // macro: unweighted means of the per-class values above.
  close(precision.compute({ ...multi, average: "macro" }).precision, (1 / 2 + 0 + 1 / 2) / 3, "macro precision = 1/3");
  close(recall.compute({ ...multi, average: "macro" }).recall, (2 / 3 + 0 + 1 / 3) / 3, "macro recall = 1/3");
  close(f1.compute({ ...multi, average: "macro" }).f1, (4 / 7 + 0 + 2 / 5) / 3, "macro f1 = 34/105");
  // weighted by true counts 3, 2, 3 (of 8).
  close(precision.compute({ ...multi, average: "weighted" }).precision, (3 * 0.5 + 0 + 3 * 0.5) / 8, "weighted precision = 3/8");
  close(f1.compute({ ...multi, average: "weighted" }).f1, (3 * (4 / 7) + 0 + 3 * (2 / 5)) / 8, "weighted f1 = 102/280");
  const perClass = f1.compute({ ...multi, average: null }).f1 as number[];
  assert.equal(perClass.length, 3);
  [4 / 7, 0, 2 / 5].forEach((v, i) => close(perClass[i], v, `class ${i}`));
  // `labels` picks and orders the classes: class 2 then class 0, macro over those two only.
  const picked = f1.compute({ ...multi, average: null, labels: [2, 0] }).f1 as number[];
  close(picked[0], 2 / 5, "class 2 first");
  close(picked[1], 4 / 7, "class 0 second");
  // Three classes cannot be scored as "binary".
  assert.throws(() => f1.compute(multi), (e: Error) => e instanceof MetricInputError && /average is "binary"/.test(e.message));
  assert.throws(() => f1.compute({ ...multi, average: "samples" as never }), MetricInputError);
});

test("zero_division: undefined scores become 0 ('warn'), 1 or NaN; f1 stays defined when only one side is", () => {
  const allZero = { references: [0, 0, 0], predictions: [0, 0, 0] };
  // No sample is, or is predicted, positive: tp = 0, predicted = 0, true = 0 → all three undefined.
  for (const name of ["precision", "recall", "f1"]) {
    const m = evaluate.load(name);
    close(m.compute(allZero)[name], 0, `${name} with zero_division "warn"`);
    close(m.compute({ ...allZero, zero_division: 1 })[name], 1, `${name} with zero_division 1`);
    assert.ok(Number.isNaN(m.compute({ ...allZero, zero_division: NaN })[name] as number), `${name} with zero_division NaN`);
  }
  close(evaluate.load("accuracy").compute(allZero).accuracy, 1, "accuracy is 3/3");
  // One false positive: precision 0/1 = 0, recall 0/0 → zero_division, f1 = 2·0/(0+1) = 0 regardless.
  const oneFalsePositive = { references: [0, 0, 0], predictions: [0, 1, 0], zero_division: 1 };
  close(evaluate.load("precision").compute(oneFalsePositive).precision, 0, "precision");
  close(evaluate.load("recall").compute(oneFalsePositive).recall, 1, "recall is zero_division");
  close(evaluate.load("f1").compute(oneFalsePositive).f1, 0, "f1");
  assert.throws(() => evaluate.load("f1").compute({ ...allZero, zero_division: 2 }), MetricInputError);
});

test("matthews_correlation: binary and multiclass, 0 for a single class", () => {
  const mcc = evaluate.load("matthews_correlation");
  // (TP·TN − FP·FN) / √((TP+FP)(TP+FN)(TN+FP)(TN+FN)) = (3·2 − 2·1) / √(5·4·4·3) = 4/√240
  close(mcc.compute(binary).matthews_correlation, 4 / Math.sqrt(240), "binary MCC");
  // Confusion matrix (rows true, columns predicted): [[2,1,0],[1,0,1],[1,1,1]].
  // t = [3,2,3], p = [4,2,2], correct 3, n 8:
  // cov(t,p) = 3·8 − (12+4+6) = 2; cov(p,p) = 64 − (16+4+4) = 40; cov(t,t) = 64 − (9+4+9) = 42.
  close(mcc.compute(multi).matthews_correlation, 2 / Math.sqrt(40 * 42), "multiclass MCC");
  close(mcc.compute({ references: [1, 1, 1], predictions: [1, 1, 1] }).matthews_correlation, 0, "one class");
});

test("glue: each task's own scores", () => {
  const mrpc = evaluate.load("glue", "mrpc").compute(binary);
  assert.deepEqual(Object.keys(mrpc).sort(), ["accuracy", "f1"]);
  close(mrpc.accuracy, 5 / 8, "mrpc accuracy");
  close(mrpc.f1, 6 / 9, "mrpc f1");
  const cola = evaluate.load("glue", "cola").compute(binary);
  assert.deepEqual(Object.keys(cola), ["matthews_correlation"]);
  close(cola.matthews_correlation, 4 / Math.sqrt(240), "cola MCC");
  const sst2 = evaluate.load("glue", "sst2").compute(multi);
  assert.deepEqual(sst2, { accuracy: 3 / 8 });
  // stsb: x = [1,2,3,4,5] (mean 3, deviations −2,−1,0,1,2), y = [2,1,4,4,5] (mean 3.2).
  // Pearson: Σdxdy = 2.4+2.2+0+0.8+3.6 = 9, Σdx² = 10, Σdy² = 10.8 → 9/√108.
  // Spearman: ranks of y = [2,1,3.5,3.5,5] (the tie shares 3.5), deviations −1,−2,.5,.5,2:
  // Σ = 2+2+0+.5+4 = 8.5, Σd² = 9.5 → 8.5/√95.
  const stsb = evaluate.load("glue", "stsb").compute({ predictions: [1, 2, 3, 4, 5], references: [2, 1, 4, 4, 5] });
  close(stsb.pearson, 9 / Math.sqrt(108), "pearson");
  close(stsb.spearmanr, 8.5 / Math.sqrt(95), "spearman");
  assert.throws(() => evaluate.load("glue", "mprc"), (e: Error) => e instanceof MetricNotFoundError && /mrpc/.test(e.message));
  assert.throws(() => evaluate.load("glue"), MetricNotFoundError);
});

test("add and add_batch collect inputs that compute() scores together and then clears", () => {
  const f1 = evaluate.load("f1");
  f1.add_batch({ predictions: binary.predictions.slice(0, 4), references: binary.references.slice(0, 4) });
  for (let i = 4; i < 7; i++) f1.add({ prediction: binary.predictions[i], reference: binary.references[i] });
  close(f1.compute({ predictions: binary.predictions.slice(7), references: binary.references.slice(7) }).f1, 6 / 9, "same as one compute");
  assert.throws(() => f1.compute(), (e: Error) => e instanceof MetricInputError && /nothing to score/.test(e.message));
  assert.equal(f1.name, "f1");
  assert.equal(evaluate.load("glue", "qqp").config_name, "qqp");
});

test("inputs may be Tensors or typed arrays, as a Trainer's EvalPrediction holds them", () => {
  const f1 = evaluate.load("f1");
  const references = Tensor.from(binary.references, "int64");
  close(f1.compute({ predictions: Int32Array.from(binary.predictions), references }).f1, 6 / 9, "2TP/(2TP+FP+FN) = 6/9");
  close(f1.compute({ predictions: BigInt64Array.from(binary.predictions.map(BigInt)), references: binary.references }).f1, 6 / 9, "BigInt ids");
});

test("bad inputs: empty, mismatched lengths, unknown metric, mixed label kinds", () => {
  const accuracy = evaluate.load("accuracy");
  assert.throws(() => accuracy.compute({ predictions: [], references: [] }), (e: Error) => e instanceof MetricInputError && /empty/.test(e.message));
  assert.throws(() => accuracy.compute({ predictions: [1, 0], references: [1] }), (e: Error) => e instanceof MetricInputError && /2 predictions but 1 references/.test(e.message));
  assert.throws(() => accuracy.compute({ predictions: [1], references: [1], sample_weight: [1, 2] }), MetricInputError);
  assert.throws(() => evaluate.load("f1").compute({ predictions: [1, "a"], references: [1, 1] }), (e: Error) => e instanceof MetricInputError && /mix strings and numbers/.test(e.message));
  assert.throws(() => evaluate.load("bleu_score"), (e: Error) => e instanceof MetricNotFoundError && /accuracy/.test(e.message));
  assert.equal(evaluate.load("evaluate-metric/accuracy").name, "accuracy");
});
