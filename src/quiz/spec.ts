/**
 * What a question is: the literal a question cell passes to `quiz.choice(id, spec)` and friends.
 * The source notebook holds `answer` in clear; a released practice copy holds `hashes` + `salt`
 * instead, and a released graded copy holds neither (`graded: true`).
 */

import { QUIZ_LANGUAGES, QuizLanguage } from "./messages";

export type QuestionType = "choice" | "multiple" | "numeric" | "text" | "code";

/** The question types that are answered with `quiz.answer` (code questions use `quiz.test`). */
export const ANSWERED_TYPES: readonly QuestionType[] = ["choice", "multiple", "numeric", "text"];

/** Text normalisation steps an author may choose for text questions. */
export type NormalizeStep = "lower" | "collapse_spaces" | "remove_spaces" | "strip_punctuation" | "strip_accents";

export const DEFAULT_NORMALIZE: readonly NormalizeStep[] = ["lower", "collapse_spaces"];
export const DEFAULT_TOLERANCE = 1e-6;
export const DEFAULT_ATTEMPTS = 3;

export interface QuestionSpec {
  /** Optional prompt shown by the question cell. */
  question?: string;
  /** Option texts for choice/multiple questions, numbered from 1. */
  choices?: string[];
  /** Source notebooks only: the right answer(s). */
  answer?: unknown;
  /** Numeric questions: absolute tolerance. */
  tolerance?: number;
  /** Text questions: normalisation applied to both sides. */
  normalize?: NormalizeStep[];
  hints?: string[];
  explanation?: string;
  /** Attempts before the explanation is shown (practice). */
  attempts?: number;
  /** Released practice copies: salted hashes of every accepted canonical answer. */
  hashes?: string[];
  salt?: string;
  /** Released practice copies: hints and explanation, sealed with the salt (see sealed.ts). */
  sealed?: string;
  /** Released graded copies: record answers without revealing correctness. */
  graded?: boolean;
  /**
   * Released practice copies: checks and tests show how an answer stands instead of failing, so
   * Run All reaches the end. Without it a wrong answer fails its check, as nbgrader needs.
   */
  practice?: boolean;
  /** The language of the quiz's own strings (feedback, labels), from the notebook's metadata.tlab.lang. */
  lang?: QuizLanguage;
}

/** A registered question: its id and type with the spec. */
export interface Question {
  id: string;
  type: QuestionType;
  spec: QuestionSpec;
}

/** A quiz spec or answer the author or student wrote in a way we cannot use. */
export class QuizSpecError extends Error {
  override name = "QuizSpecError";
}

const ID_PATTERN = /^[a-zA-Z0-9_-]+$/;

/** Question ids become nbgrader grade_ids, so they follow nbgrader's pattern. */
export function checkQuestionId(id: unknown): string {
  if (typeof id !== "string" || !ID_PATTERN.test(id)) {
    throw new QuizSpecError(
      `Question id ${JSON.stringify(id)} is not valid: use letters, digits, "-" and "_" (it becomes the nbgrader grade_id).`,
    );
  }
  return id;
}

/** Checks the fields a question of `type` needs, with messages that say what to write. */
export function checkSpec(id: string, type: QuestionType, spec: QuestionSpec): void {
  const where = `quiz.${type}(${JSON.stringify(id)}, …)`;
  if (typeof spec !== "object" || spec === null) throw new QuizSpecError(`${where}: the second argument must be an object literal.`);
  if ((type === "choice" || type === "multiple") && (!Array.isArray(spec.choices) || spec.choices.length < 2)) {
    throw new QuizSpecError(`${where}: give "choices" as an array of at least two option texts.`);
  }
  if (spec.hints !== undefined && (!Array.isArray(spec.hints) || spec.hints.some((h) => typeof h !== "string"))) {
    throw new QuizSpecError(`${where}: "hints" must be an array of strings.`);
  }
  if (spec.tolerance !== undefined && !(typeof spec.tolerance === "number" && spec.tolerance > 0)) {
    throw new QuizSpecError(`${where}: "tolerance" must be a positive number.`);
  }
  if (spec.lang !== undefined && !QUIZ_LANGUAGES.includes(spec.lang)) {
    throw new QuizSpecError(`${where}: "lang" must be one of ${QUIZ_LANGUAGES.join(", ")}.`);
  }
  if (spec.attempts !== undefined && !(Number.isInteger(spec.attempts) && spec.attempts > 0)) {
    throw new QuizSpecError(`${where}: "attempts" must be a positive whole number.`);
  }
}
