/**
 * Answers in canonical form. Both the author's answer (at release, to compute hashes) and the
 * student's value (at check time) are turned into the same canonical strings, so instant feedback
 * compares salted hashes and never needs the answer itself.
 */
import { createHash } from "node:crypto";
import { DEFAULT_NORMALIZE, DEFAULT_TOLERANCE, NormalizeStep, Question, QuestionSpec, QuizSpecError } from "./spec";
import { AnswerProblem, MESSAGES } from "./messages";

/** A student's value that cannot be an answer to this question (wrong kind, out of range). */
export class AnswerError extends Error {
  override name = "AnswerError";
  /** What was wrong, for feedback in the lesson's language. */
  constructor(readonly problem: AnswerProblem) {
    super(MESSAGES.en.answerProblem(problem));
  }
}

/** True when the student has not answered yet: `null`, `undefined`, `""` or `[]`. */
export function isUnanswered(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "") ||
    (Array.isArray(value) && value.length === 0);
}

/** Plain JSON-able data from an answer: tensors via `tolist()`/`item()`, bigints and typed arrays as numbers. */
export function plainValue(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number | bigint>, (x) => Number(x));
  }
  if (Array.isArray(value)) return value.map(plainValue);
  if (value !== null && typeof value === "object") {
    const v = value as { tolist?: () => unknown; item?: () => unknown };
    if (typeof v.tolist === "function") return plainValue(v.tolist());
    if (typeof v.item === "function") return plainValue(v.item());
  }
  return value;
}

/** Applies the author's normalisation steps; trimming and Unicode NFKC always apply. */
export function normalizeText(text: string, steps: readonly NormalizeStep[] = DEFAULT_NORMALIZE): string {
  let s = text.normalize("NFKC");
  for (const step of steps) {
    switch (step) {
      case "lower": s = s.toLowerCase(); break;
      case "collapse_spaces": s = s.replace(/\s+/g, " "); break;
      case "remove_spaces": s = s.replace(/\s+/g, ""); break;
      case "strip_punctuation": s = s.replace(/[\p{P}\p{S}]/gu, ""); break;
      case "strip_accents": s = s.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC"); break;
      default: throw new QuizSpecError(`Unknown normalize step ${JSON.stringify(step)}: use lower, collapse_spaces, remove_spaces, strip_punctuation or strip_accents.`);
    }
  }
  return s.trim();
}

/** The 1-based number of the chosen option, from its number, its digits or its exact text. */
function choiceNumber(spec: QuestionSpec, value: unknown): number {
  const choices = spec.choices ?? [];
  if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= choices.length) return value;
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (/^\d+$/.test(trimmed)) return choiceNumber(spec, Number(trimmed));
    const wanted = normalizeText(trimmed);
    const index = choices.findIndex((c) => normalizeText(String(c)) === wanted);
    if (index >= 0) return index + 1;
    throw new AnswerError({ kind: "not-a-choice", value, count: choices.length });
  }
  throw new AnswerError({ kind: "choice-range", value, count: choices.length });
}

function numericValue(value: unknown): number {
  let v = value;
  if (Array.isArray(v) && v.length === 1) v = v[0];
  if (typeof v === "string" && v.trim() !== "") v = Number(v);
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new AnswerError({ kind: "not-a-number", value });
  }
  return v;
}

function tolerance(spec: QuestionSpec): number {
  return spec.tolerance ?? DEFAULT_TOLERANCE;
}

/** The grid point of a number on the tolerance grid. */
function gridPoint(spec: QuestionSpec, x: number): number {
  return Math.round(x / tolerance(spec));
}

/**
 * Canonical strings for a student's value. Numeric values give three: their grid point and its
 * two neighbours, so any value within the tolerance of the answer meets the answer's grid point.
 */
export function studentCanonicals(q: Question, raw: unknown): string[] {
  const value = plainValue(raw);
  switch (q.type) {
    case "choice":
      return [`choice:${choiceNumber(q.spec, value)}`];
    case "multiple": {
      const list = Array.isArray(value) ? value : [value];
      const numbers = [...new Set(list.map((v) => choiceNumber(q.spec, v)))].sort((a, b) => a - b);
      return [`multiple:${numbers.join(",")}`];
    }
    case "numeric": {
      const k = gridPoint(q.spec, numericValue(value));
      return [k, k - 1, k + 1].map((p) => `numeric:${p}`);
    }
    case "text":
      if (typeof value !== "string" && typeof value !== "number") {
        throw new AnswerError({ kind: "not-text", value });
      }
      return [`text:${normalizeText(String(value), q.spec.normalize ?? DEFAULT_NORMALIZE)}`];
    default:
      throw new QuizSpecError(`Question ${q.id} is a ${q.type} question: it is checked by quiz.test, not quiz.answer.`);
  }
}

/** Canonical strings of every accepted answer the author gave (one per accepted text). */
export function authorCanonicals(q: Question): string[] {
  const answer = q.spec.answer;
  if (answer === undefined) throw new QuizSpecError(`Question ${q.id} has no "answer" in the source notebook.`);
  switch (q.type) {
    case "numeric":
      return [`numeric:${gridPoint(q.spec, numericValue(answer))}`];
    case "text": {
      const list = Array.isArray(answer) ? answer : [answer];
      return [...new Set(list.map((a) => `text:${normalizeText(String(a), q.spec.normalize ?? DEFAULT_NORMALIZE)}`))];
    }
    default:
      return studentCanonicals(q, answer);
  }
}

/** A salted hash of one canonical answer, as stored in released notebooks. */
export function hashCanonical(salt: string, canonical: string): string {
  return createHash("sha256").update(`${salt}\n${canonical}`, "utf8").digest("hex").slice(0, 32);
}

/** Instant feedback: does the value match one of the released hashes? */
export function matchesHashes(q: Question, value: unknown): boolean {
  const { hashes, salt } = q.spec;
  if (!hashes || salt === undefined) throw new QuizSpecError(`Question ${q.id} has no answer hashes (was the notebook released with tlab assign?).`);
  const wanted = new Set(hashes);
  return studentCanonicals(q, value).some((c) => wanted.has(hashCanonical(salt, c)));
}

/**
 * The grader's exact comparison against the source's answer: numeric within the tolerance,
 * text after the author's normalisation, choices as numbers or sets.
 */
export function isCorrect(q: Question, value: unknown): boolean {
  if (isUnanswered(value)) return false;
  try {
    if (q.type === "numeric") return Math.abs(numericValue(plainValue(value)) - numericValue(q.spec.answer)) <= tolerance(q.spec) * (1 + 1e-12);
    const accepted = new Set(authorCanonicals(q));
    return studentCanonicals(q, value).some((c) => accepted.has(c));
  } catch (e) {
    if (e instanceof AnswerError) return false;
    throw e;
  }
}
