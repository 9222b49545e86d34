/**
 * The gradebook (`grades.csv` with nbgrader's export columns, gradebook.json, and the manually
 * graded answers to grade by hand) and per-student feedback pages.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { escapeHtml } from "../../display/mimebundle";
import { writeFileAtomic } from "../../utils/atomic_write";
import { CsvValue, formatCsv } from "./csv";
import {
  GradebookOptions, NBGRADER_COLUMNS, SETTINGS_FILE, explanationsReleased, finalScore, gradebookColumns, manualQuestions, roundPoints,
  writeGradebookSettings,
} from "./gradebook";
import { GradebookError } from "./gradebook-error";
import { describeLateness, formatLatePenalty, latenessOf } from "./late-penalty";
import { mergeManualPoints, writeManualSheet } from "./manual-grading";
import { CellScore } from "./score";
import { SourceModel } from "./source-model";

export interface SubmissionGrade {
  studentId: string;
  file: string;
  timestamp: string;
  /** Present when the submission could not be graded at all (corrupted file, kernel failure). */
  error?: string;
  cells: CellScore[];
  /** Things the student should know besides scores, e.g. a cell stopped by the time limit. */
  notes: string[];
}

/** Points as nbgrader prints them: up to 4 decimals, no trailing zeros. */
function points(x: number): string {
  return String(roundPoints(x));
}

export function questionPoints(grade: SubmissionGrade, question: string): number {
  return grade.cells.filter((c) => c.question === question).reduce((s, c) => s + c.points, 0);
}

export function totalPoints(grade: SubmissionGrade): number {
  return grade.cells.reduce((s, c) => s + c.points, 0);
}

/**
 * grades.csv: one row per submission. Manually graded questions stay empty (and count 0) until
 * their points are merged. A timestamp that cannot be read leaves penalty and score empty and says
 * why in `error`: it is never taken for on time.
 */
export function gradesCsv(model: SourceModel, grades: SubmissionGrade[], options: GradebookOptions = {}): string {
  const columns = gradebookColumns(model);
  const maxScore = columns.reduce((s, c) => s + c.maxPoints, 0);
  const header = [...NBGRADER_COLUMNS, ...columns.map((c) => c.question), "error"];
  const rows = grades.map((g): CsvValue[] => {
    const raw = roundPoints(totalPoints(g));
    const final = finalScore(raw, g.timestamp, options);
    const late = "penalty" in final ? [roundPoints(final.penalty), roundPoints(final.score)] : ["", ""];
    return [
      model.assignment, options.duedate?.toISOString() ?? "", g.timestamp, g.studentId, "", "", "",
      raw, ...late, roundPoints(maxScore),
      ...columns.map((c) => (g.error || c.manual ? "" : roundPoints(questionPoints(g, c.question)))),
      [g.error, "problem" in final ? final.problem : undefined].filter(Boolean).join("; "),
    ];
  });
  return formatCsv([header, ...rows]);
}

export interface GradebookFiles {
  csvFile: string;
  settingsFile: string;
  /** DIR/manual/manual.csv, when the source has manually graded cells. */
  manualFile?: string;
  /** Hand-given points kept from the earlier manual.csv (answers unchanged) and merged again. */
  keptManualPoints: number;
  /** What the instructor must fix: unreadable timestamps, hand-given points that could not be merged. */
  problems: string[];
}

/** Writes grades.csv, gradebook.json and (when there are manually graded cells) manual/manual.csv. */
export function writeGradebook(outDir: string, model: SourceModel, grades: SubmissionGrade[], options: GradebookOptions = {}): GradebookFiles {
  const csvFile = path.join(outDir, "grades.csv");
  writeFileAtomic(csvFile, gradesCsv(model, grades, options));
  writeGradebookSettings(outDir, {
    assignment: model.assignment, duedate: options.duedate, latePenalty: options.latePenalty ?? { kind: "none" }, columns: gradebookColumns(model),
  });
  const problems = grades.flatMap((g) => {
    const final = finalScore(totalPoints(g), g.timestamp, options);
    return "problem" in final ? [`${g.studentId}: ${final.problem}`] : [];
  });
  const manual = manualQuestions(model);
  if (manual.length === 0) return { csvFile, settingsFile: path.join(outDir, SETTINGS_FILE), keptManualPoints: 0, problems };
  const sheet = writeManualSheet(outDir, manual, grades);
  if (sheet.note) problems.push(sheet.note);
  if (sheet.kept > 0) {
    try {
      mergeManualPoints(sheet.file, outDir);
    } catch (e) {
      if (!(e instanceof GradebookError)) throw e;
      problems.push(e.message);
    }
  }
  return { csvFile, settingsFile: path.join(outDir, SETTINGS_FILE), manualFile: sheet.file, keptManualPoints: sheet.kept, problems };
}

/** What the student reads about lateness, or "" when on time or no due date was given. */
function latenessNote(grade: SubmissionGrade, options: GradebookOptions): string {
  if (!options.duedate) return "";
  const lateness = latenessOf(grade.timestamp, options.duedate);
  if (!lateness.ok) return `<p class="error">The time of this submission could not be read, so its score is not computed yet.</p>`;
  if (!lateness.lateness.late) return "";
  const policy = options.latePenalty ?? { kind: "none" };
  const final = finalScore(roundPoints(totalPoints(grade)), grade.timestamp, options);
  const cost = policy.kind === "none" || !("penalty" in final) ? "" : ` (late penalty ${formatLatePenalty(policy)}: −${points(final.penalty)} points)`;
  return `<p class="note">Submitted ${describeLateness(lateness.lateness.seconds)} after the due date${cost}.</p>`;
}

/**
 * A self-contained feedback page: scores and messages only (no cell sources, so no hidden tests).
 * Each question's explanation is added only when the page is written after the due date.
 */
export function feedbackHtml(model: SourceModel, grade: SubmissionGrade, options: GradebookOptions = {}, now: Date = new Date()): string {
  const columns = gradebookColumns(model);
  const explain = explanationsReleased(options, now);
  const rows = columns.map((c) => {
    if (c.manual) return `<tr><td>${escapeHtml(c.question)}</td><td>– / ${points(c.maxPoints)}</td><td>graded by hand</td></tr>`;
    const cells = grade.cells.filter((s) => s.question === c.question);
    const messages = cells.map((s) => escapeHtml(s.message));
    const explanation = explain ? model.questions.get(c.question)?.spec.explanation : undefined;
    if (explanation) messages.push(`<div class="explanation">Explanation: ${escapeHtml(explanation)}</div>`);
    return `<tr><td>${escapeHtml(c.question)}</td><td>${points(questionPoints(grade, c.question))} / ${points(c.maxPoints)}</td><td>${messages.join("<br>")}</td></tr>`;
  }).join("\n");
  const body = grade.error
    ? `<p class="error">This submission could not be graded: ${escapeHtml(grade.error)}</p>`
    : `<table><thead><tr><th>Question</th><th>Points</th><th>Feedback</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
  const final = finalScore(roundPoints(totalPoints(grade)), grade.timestamp, options);
  const score = "score" in final ? points(final.score) : "not computed";
  const byHand = columns.filter((c) => c.manual).reduce((s, c) => s + c.maxPoints, 0);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Feedback: ${escapeHtml(model.assignment)} — ${escapeHtml(grade.studentId)}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}.error{color:#b00}</style></head>
<body><h1>${escapeHtml(model.assignment)}</h1>
<p>Student: ${escapeHtml(grade.studentId)} · Score: ${score} / ${points(model.maxScore + byHand)}${byHand > 0 ? ` (${points(byHand)} points are graded by hand and not counted yet)` : ""}</p>
${latenessNote(grade, options)}
${body}
${grade.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join("\n")}
</body></html>
`;
}
