/**
 * What a quiz call shows. Each feedback is one display output with text, HTML and a JSON record
 * (`application/vnd.tlab.quiz+json`), so the saved notebook keeps what the student saw.
 */
import { escapeHtml } from "../display/mimebundle";
import { QuizLanguage, messagesFor } from "./messages";
import { QuestionType } from "./spec";

export type FeedbackStatus = "correct" | "incorrect" | "recorded" | "unanswered" | "invalid" | "passed" | "failed" | "info";

export const QUIZ_MIME = "application/vnd.tlab.quiz+json";

export interface FeedbackInit {
  question: string;
  type: QuestionType;
  status: FeedbackStatus;
  attempt?: number;
  message: string;
  hints?: string[];
  explanation?: string;
  /** The language of the labels ("Hint", "Explanation"); English when absent. */
  lang?: QuizLanguage;
}

const MARK: Record<FeedbackStatus, string> = {
  correct: "✓", passed: "✓", incorrect: "✗", failed: "✗", recorded: "•", unanswered: "…", invalid: "!", info: "•",
};
const COLOR: Record<FeedbackStatus, string> = {
  correct: "#1a7f37", passed: "#1a7f37", incorrect: "#b35900", failed: "#b35900", recorded: "#0550ae",
  unanswered: "#555", invalid: "#b35900", info: "#555",
};

export class QuizFeedback {
  constructor(readonly init: FeedbackInit) {}

  toString(): string {
    const f = this.init;
    const m = messagesFor(f.lang);
    const lines = [`${MARK[f.status]} ${f.question}: ${f.message}`];
    for (const hint of f.hints ?? []) lines.push(`  ${m.hint}: ${hint}`);
    if (f.explanation) lines.push(`  ${m.explanation}: ${f.explanation}`);
    return lines.join("\n");
  }

  _repr_mimebundle_(): Record<string, unknown> {
    const f = this.init;
    const m = messagesFor(f.lang);
    const html = [`<div class="tlab-quiz-feedback" style="color:${COLOR[f.status]}"><b>${MARK[f.status]} ${escapeHtml(f.question)}</b>: ${escapeHtml(f.message)}`];
    for (const hint of f.hints ?? []) html.push(`<div style="color:#555">${m.hint}: ${escapeHtml(hint)}</div>`);
    if (f.explanation) html.push(`<div style="color:#333">${m.explanation}: ${escapeHtml(f.explanation)}</div>`);
    html.push("</div>");
    return {
      "text/plain": this.toString(),
      "text/html": html.join(""),
      [QUIZ_MIME]: { question: f.question, type: f.type, status: f.status, attempt: f.attempt ?? null },
    };
  }
}
