/** The gradebook (`grades.csv` with nbgrader's export columns) and per-student feedback pages. */
import { escapeHtml } from "../../display/mimebundle";
import { CellScore } from "./score";
import { SourceModel } from "./source-model";

export const NBGRADER_COLUMNS = [
  "assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
  "raw_score", "late_submission_penalty", "score", "max_score",
] as const;

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

function csvField(value: string | number): string {
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Points as nbgrader prints them: up to 4 decimals, no trailing zeros. */
function points(x: number): string {
  return String(Math.round(x * 1e4) / 1e4);
}

export function questionPoints(grade: SubmissionGrade, question: string): number {
  return grade.cells.filter((c) => c.question === question).reduce((s, c) => s + c.points, 0);
}

export function totalPoints(grade: SubmissionGrade): number {
  return grade.cells.reduce((s, c) => s + c.points, 0);
}

export function gradesCsv(model: SourceModel, grades: SubmissionGrade[]): string {
  const header = [...NBGRADER_COLUMNS, ...model.columns.map((c) => c.question), "error"];
  const rows = grades.map((g) => {
    const raw = totalPoints(g);
    return [
      model.assignment, "", g.timestamp, g.studentId, "", "", "",
      points(raw), "0", points(raw), points(model.maxScore),
      ...model.columns.map((c) => (g.error ? "" : points(questionPoints(g, c.question)))),
      g.error ?? "",
    ];
  });
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join("\n") + "\n";
}

/** A self-contained feedback page: scores and messages only (no cell sources, so no hidden tests). */
export function feedbackHtml(model: SourceModel, grade: SubmissionGrade): string {
  const rows = model.columns.map((c) => {
    const cells = grade.cells.filter((s) => s.question === c.question);
    const messages = cells.map((s) => escapeHtml(s.message)).join("<br>");
    return `<tr><td>${escapeHtml(c.question)}</td><td>${points(questionPoints(grade, c.question))} / ${points(c.maxPoints)}</td><td>${messages}</td></tr>`;
  }).join("\n");
  const body = grade.error
    ? `<p class="error">This submission could not be graded: ${escapeHtml(grade.error)}</p>`
    : `<table><thead><tr><th>Question</th><th>Points</th><th>Feedback</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Feedback: ${escapeHtml(model.assignment)} — ${escapeHtml(grade.studentId)}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}.error{color:#b00}</style></head>
<body><h1>${escapeHtml(model.assignment)}</h1>
<p>Student: ${escapeHtml(grade.studentId)} · Score: ${points(totalPoints(grade))} / ${points(model.maxScore)}</p>
${body}
${grade.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join("\n")}
</body></html>
`;
}
