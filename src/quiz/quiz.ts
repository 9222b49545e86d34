/**
 * The `quiz` object that lesson and assignment cells call (see docs/quiz-format.md).
 * Practice questions check answers against salted hashes and explain; graded questions only
 * record. Grading never trusts this object: the autograder installs its own checker.
 */
import { display } from "../display/display";
import { escapeHtml } from "../display/mimebundle";
import { AnswerError, isCorrect, isUnanswered, matchesHashes, studentCanonicals } from "./answers";
import { QuizAssert, createQuizAssert } from "./assert";
import { FeedbackInit, QuizFeedback } from "./feedback";
import { QuizLanguage, QuizMessages, messagesFor } from "./messages";
import { questionHtml, questionText } from "./render";
import { unseal } from "./sealed";
import { DEFAULT_ATTEMPTS, Question, QuestionSpec, QuestionType, QuizSpecError, checkQuestionId, checkSpec } from "./spec";

/** Raised by `quiz.check` and `quiz.test` so that a wrong answer is an `error` output, as nbgrader expects. */
export class QuizCheckError extends Error {
  override name = "QuizCheckError";
}

interface Progress {
  type: QuestionType;
  attempts: number;
  wrong: number;
  status: "unanswered" | "correct" | "incorrect" | "recorded" | "passed" | "failed";
  /** The explanation was given away when the attempts ran out (not earned by a right answer). */
  explained: boolean;
  /** The last right answer came after the explanation was shown, so it proves less. */
  afterExplanation: boolean;
}

function freshProgress(type: QuestionType): Progress {
  return { type, attempts: 0, wrong: 0, status: "unanswered", explained: false, afterExplanation: false };
}

/** True when instant feedback is possible: hashes (released practice copy) or the answer (source notebook). */
function hasKey(q: Question): boolean {
  return q.spec.hashes !== undefined || q.spec.answer !== undefined;
}

export type QuizTest = (assert: QuizAssert) => void | Promise<void>;

export class Quiz {
  private readonly questions = new Map<string, Question>();
  private readonly progress = new Map<string, Progress>();
  private readonly assert = createQuizAssert();
  /** Set once a practice copy's question registers: this notebook's checks and tests then report instead of failing. */
  private practice = false;
  /** The language of the last question registered: the notebook's, for calls that name no question of their own. */
  private lang: QuizLanguage = "en";

  /** A single-choice question; answer with the option's number (1-based) or its text. */
  choice(id: string, spec: QuestionSpec): void { this.register(id, "choice", spec); }
  /** A question with several right options; answer with an array of numbers. */
  multiple(id: string, spec: QuestionSpec): void { this.register(id, "multiple", spec); }
  /** A number, accepted within the spec's tolerance. */
  numeric(id: string, spec: QuestionSpec): void { this.register(id, "numeric", spec); }
  /** A short text, compared after the spec's normalisation. */
  text(id: string, spec: QuestionSpec): void { this.register(id, "text", spec); }

  /** Checks (practice) or records (graded) an answer and shows the feedback. */
  answer(id: string, value: unknown): void {
    const q = this.questions.get(id);
    if (!q) {
      this.show({ question: id, type: "text", status: "invalid", message: this.messages().runQuestionFirst(id) });
      return;
    }
    const m = this.messages(q);
    const p = this.progressOf(q);
    if (isUnanswered(value)) {
      this.show({ question: id, type: q.type, status: "unanswered", message: m.noAnswerYet });
      return;
    }
    try {
      studentCanonicals(q, value);
    } catch (e) {
      if (!(e instanceof AnswerError)) throw e;
      this.show({ question: id, type: q.type, status: "invalid", message: m.notAnAttempt(m.answerProblem(e.problem)) });
      return;
    }
    p.attempts += 1;
    if (q.spec.graded || !hasKey(q)) {
      p.status = "recorded";
      this.show({ question: id, type: q.type, status: "recorded", attempt: p.attempts,
        message: m.recorded(p.attempts) });
      return;
    }
    const allowed = q.spec.attempts ?? DEFAULT_ATTEMPTS;
    if (q.spec.answer !== undefined ? isCorrect(q, value) : matchesHashes(q, value)) {
      p.status = "correct";
      this.solved(p);
      this.show({ question: id, type: q.type, status: "correct", attempt: p.attempts, message: m.correct, explanation: q.spec.explanation });
      return;
    }
    p.status = "incorrect";
    p.wrong += 1;
    const hints = (q.spec.hints ?? []).slice(0, p.wrong);
    const outOfAttempts = p.wrong >= allowed;
    if (outOfAttempts && q.spec.explanation) p.explained = true;
    this.show({
      question: id, type: q.type, status: "incorrect", attempt: p.attempts,
      message: outOfAttempts ? m.outOfAttempts(p.attempts) : m.notYet,
      hints, explanation: outOfAttempts ? q.spec.explanation : undefined,
    });
  }

  /**
   * The graded check after an answer cell. With answer hashes it throws unless the last answer
   * was right (an `error` output for nbgrader); in a graded copy it only confirms the recording.
   * In a practice copy it shows where the answer stands instead, so Run All goes on.
   */
  check(id: string): void {
    const q = this.questions.get(id);
    if (!q) {
      if (!this.practice) throw new QuizCheckError(`Question ${id} is not registered: run its question cell and answer cell first.`);
      const message = this.messages().notRegistered(id);
      this.show({ question: id, type: "text", status: "invalid", message });
      return;
    }
    const m = this.messages(q);
    const p = this.progressOf(q);
    const practice = q.spec.practice === true;
    if (p.status === "unanswered") {
      if (!practice) throw new QuizCheckError(`${id}: not answered yet.`);
      this.show({ question: id, type: q.type, status: "unanswered", message: m.notAnsweredAtCheck });
      return;
    }
    if (q.spec.graded || !hasKey(q)) {
      this.show({ question: id, type: q.type, status: "recorded", attempt: p.attempts, message: m.recordedAtCheck });
      return;
    }
    if (p.status !== "correct") {
      if (!practice) throw new QuizCheckError(`${id}: the answer is not correct yet.`);
      this.show({ question: id, type: q.type, status: "incorrect", attempt: p.attempts, message: m.notYetAtCheck,
        hints: (q.spec.hints ?? []).slice(0, Math.max(1, p.wrong)) });
      return;
    }
    this.show({ question: id, type: q.type, status: "correct", attempt: p.attempts, message: m.correctAtCheck });
  }

  /**
   * Runs a code question's tests; throws (an `error` output) when one fails. In a practice copy
   * a failure is shown as feedback instead, with one more hint per failed run, so Run All goes on.
   * `spec` (optional) holds the question's hints and explanation, as a question cell's would.
   */
  test(id: string, fn: QuizTest, spec?: QuestionSpec): void | Promise<void> {
    checkQuestionId(id);
    if (typeof fn !== "function") throw new QuizSpecError(`quiz.test(${JSON.stringify(id)}, fn): fn must be a function (assert) => { … }.`);
    const q = spec === undefined ? undefined : this.learn(id, "code", spec);
    const p = this.progress.get(id) ?? freshProgress("code");
    this.progress.set(id, p);
    const practice = q?.spec.practice ?? this.practice;
    const m = this.messages(q);
    const explanation = q?.spec.explanation;
    const passed = () => {
      p.attempts += 1;
      p.status = "passed";
      this.solved(p);
      this.show({ question: id, type: "code", status: "passed", attempt: p.attempts, message: m.testsPass, explanation });
    };
    const failed = (e: unknown): void => {
      p.attempts += 1;
      p.wrong += 1;
      p.status = "failed";
      const message = e instanceof Error ? e.message : String(e);
      if (!practice) throw new QuizCheckError(`${id}: a test failed: ${message}`);
      const outOfAttempts = p.wrong >= (q?.spec.attempts ?? DEFAULT_ATTEMPTS);
      if (outOfAttempts && explanation) p.explained = true;
      this.show({ question: id, type: "code", status: "failed", attempt: p.attempts, message: m.testFailed(message),
        hints: (q?.spec.hints ?? []).slice(0, p.wrong), explanation: outOfAttempts ? explanation : undefined });
    };
    let result: void | Promise<void>;
    try {
      result = fn(this.assert);
    } catch (e) {
      return failed(e);
    }
    if (result && typeof (result as Promise<void>).then === "function") return (result as Promise<void>).then(passed, failed);
    passed();
  }

  /** A table of this notebook's questions: answered, correct, attempts. */
  summary(): void {
    const m = this.messages();
    const status = (p: Progress) => m.summaryStatus[p.status] +
      ((p.status === "correct" || p.status === "passed") && p.afterExplanation ? ` (${m.afterExplanation})` : "");
    const rows = [...this.progress.entries()].map(([id, p]) => [id, m.types[p.type], status(p), String(p.attempts)]);
    const done = [...this.progress.values()].filter((p) => p.status === "correct" || p.status === "passed").length;
    const footer = m.done(done, rows.length);
    if (rows.length === 0) {
      display({ "text/plain": `${m.noQuestions}\n${footer}`, "text/html": `<div>${escapeHtml(m.noQuestions)}</div>` });
      return;
    }
    const table = [m.summaryHeader, ...rows];
    const widths = m.summaryHeader.map((_, c) => Math.max(...table.map((row) => row[c].length)));
    const text = table.map((row) => row.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd()).join("\n");
    const cells = (row: string[], tag: string) => row.map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`).join("");
    const html = `<table><thead><tr>${cells(m.summaryHeader, "th")}</tr></thead><tbody>${
      rows.map((row) => `<tr>${cells(row, "td")}</tr>`).join("")}</tbody></table><div>${escapeHtml(footer)}</div>`;
    display({ "text/plain": `${text}\n${footer}`, "text/html": html });
  }

  /** Forgets every question and attempt (a fresh start without restarting the kernel). */
  reset(): void {
    this.practice = false;
    this.lang = "en";
    this.questions.clear();
    this.progress.clear();
  }

  toString(): string {
    return "quiz: choice, multiple, numeric, text, answer, check, test, summary (see docs/quiz-format.md)";
  }

  private register(id: string, type: QuestionType, spec: QuestionSpec): void {
    checkQuestionId(id);
    const q = this.learn(id, type, spec);
    const previous = this.progress.get(id);
    if (!previous || previous.type !== type) this.progress.set(id, freshProgress(type));
    display({ "text/plain": questionText(q), "text/html": questionHtml(q) });
  }

  /** Keeps a question's spec (hints and explanation unsealed) and what it says about the notebook. */
  private learn(id: string, type: QuestionType, spec: QuestionSpec): Question {
    checkSpec(id, type, spec);
    // A practice copy's hints and explanation arrive sealed; the feedback needs them in clear.
    const { sealed, ...visible } = spec;
    const q: Question = { id, type, spec: sealed !== undefined && spec.salt ? { ...visible, ...unseal(sealed, spec.salt) } : spec };
    this.questions.set(id, q);
    if (spec.practice) this.practice = true;
    if (spec.lang) this.lang = spec.lang;
    return q;
  }

  /** A right answer or passing tests: marked when the explanation had already been given away. */
  private solved(p: Progress): void {
    p.afterExplanation = p.explained;
  }

  private progressOf(q: Question): Progress {
    let p = this.progress.get(q.id);
    if (!p) {
      p = freshProgress(q.type);
      this.progress.set(q.id, p);
    }
    return p;
  }

  /** The strings for a question's language, else the notebook's. */
  private messages(q?: Question): QuizMessages {
    return messagesFor(q?.spec.lang ?? this.lang);
  }

  private show(init: FeedbackInit): void {
    display(new QuizFeedback({ lang: this.questions.get(init.question)?.spec.lang ?? this.lang, ...init }));
  }
}

/** The notebook's quiz helper, preloaded in the kernel. */
export const quiz = new Quiz();
