import { test } from "node:test";
import * as assert from "node:assert/strict";
import { AnswerError, authorCanonicals, hashCanonical, isCorrect, matchesHashes, normalizeText, studentCanonicals } from "../../src/quiz/answers";
import { Question } from "../../src/quiz/spec";
import { Tensor } from "../../src/tensor";

const released = (q: Question): Question => {
  const salt = "5a17";
  return { ...q, spec: { ...q.spec, answer: undefined, salt, hashes: authorCanonicals(q).map((c) => hashCanonical(salt, c)) } };
};

test("text answers are compared after the author's normalisation", () => {
  assert.equal(normalizeText("  Self   Attention "), "self attention");
  assert.equal(normalizeText("Self-Attention!", ["lower", "strip_punctuation"]), "selfattention");
  assert.equal(normalizeText("Café", ["strip_accents"]), "Cafe");
  assert.equal(normalizeText("ｌｏｇｉｔｓ"), "logits"); // NFKC folds full-width letters
  const q: Question = { id: "t", type: "text", spec: { answer: ["logits", "logit"], normalize: ["lower", "remove_spaces"] } };
  assert.ok(isCorrect(q, " Lo gits "));
  assert.ok(isCorrect(q, "LOGIT"));
  assert.ok(!isCorrect(q, "logs"));
  assert.ok(matchesHashes(released(q), "lo GITS"));
  assert.ok(!matchesHashes(released(q), "probabilities"));
  // Case matters when the author leaves "lower" out.
  const strict: Question = { id: "s", type: "text", spec: { answer: "BERT", normalize: [] } };
  assert.ok(!isCorrect(strict, "bert"));
  assert.ok(isCorrect(strict, " BERT "));
});

test("choices are answered by number or by their text; multiple choice compares sets", () => {
  const q: Question = { id: "c", type: "choice", spec: { choices: ["model", "tokenizer", "softmax"], answer: 2 } };
  assert.ok(isCorrect(q, 2));
  assert.ok(isCorrect(q, "2"));
  assert.ok(isCorrect(q, " Tokenizer"));
  assert.ok(!isCorrect(q, 1));
  assert.ok(matchesHashes(released(q), "tokenizer"));
  assert.ok(!matchesHashes(released(q), 3));
  assert.throws(() => studentCanonicals(q, 7), AnswerError);
  assert.throws(() => studentCanonicals(q, "transformer"), /not one of the choices/);
  const m: Question = { id: "m", type: "multiple", spec: { choices: ["a", "b", "c"], answer: [1, 3] } };
  assert.ok(isCorrect(m, [3, 1]));
  assert.ok(isCorrect(m, [1, 3, 3]));
  assert.ok(!isCorrect(m, [1]));
  assert.ok(!isCorrect(m, [1, 2, 3]));
  assert.ok(matchesHashes(released(m), ["c", 1]));
});

test("numeric answers: exact tolerance when grading, the grid and its neighbours for instant feedback", () => {
  const q: Question = { id: "n", type: "numeric", spec: { answer: 0.88, tolerance: 0.01 } };
  assert.ok(isCorrect(q, 0.88));
  assert.ok(isCorrect(q, 0.89));
  assert.ok(isCorrect(q, 0.8701));
  assert.ok(!isCorrect(q, 0.8999));
  assert.ok(isCorrect(q, "0.885"));
  const r = released(q);
  // Everything within the tolerance is accepted by the hashes…
  for (const v of [0.8701, 0.875, 0.88, 0.8849, 0.885, 0.8899]) assert.ok(matchesHashes(r, v), `${v} should be accepted`);
  // …and nothing further than twice the tolerance.
  for (const v of [0.8549, 0.9051, 0.5, -0.88]) assert.ok(!matchesHashes(r, v), `${v} should be rejected`);
  // Tensors and bigints are plain numbers to the quiz.
  assert.ok(isCorrect(q, Tensor.from([0.881])));
  assert.ok(!isCorrect(q, "not a number"));
  assert.throws(() => studentCanonicals(q, "abc"), /finite number/);
});

test("hashes are salted: the same answer hashes differently per question", () => {
  assert.notEqual(hashCanonical("a", "choice:2"), hashCanonical("b", "choice:2"));
  assert.equal(hashCanonical("a", "choice:2").length, 32);
});
