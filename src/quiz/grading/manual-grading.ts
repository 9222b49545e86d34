/**
 * Manually graded answers (nbgrader cells with `solution: true, grade: true`, such as free text):
 * autograde exports each student's answer to DIR/manual/manual.csv with an empty `points` column;
 * a person fills it in, and `tlab grades merge` puts those points into DIR/grades.csv. Nothing is
 * written unless every filled-in row is valid.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../../utils/atomic_write";
import { NotebookFormatError, cellSource, readNotebook } from "../notebook";
import { CsvTable, CsvValue, formatCsv, parseCsvTable } from "./csv";
import { GradebookError } from "./gradebook-error";
import {
  GradebookSettings, ManualQuestion, NBGRADER_COLUMNS, NUMERIC_COLUMNS, finalScore, readGradebookSettings, roundPoints,
} from "./gradebook";
import type { SubmissionGrade } from "./report";

export const MANUAL_FILE = path.join("manual", "manual.csv");
export const MANUAL_COLUMNS = ["student_id", "question", "points_possible", "answer", "points"] as const;

/** The student's text in a manually graded cell ("" when the cell was deleted). */
function answerText(file: string, gradeId: string): string | undefined {
  try {
    const cell = readNotebook(file).cells.find((c) => c.metadata.nbgrader?.grade_id === gradeId);
    return cell ? cellSource(cell) : "";
  } catch (e) {
    if (e instanceof NotebookFormatError) return undefined;
    throw e;
  }
}

/** Points filled into an earlier sheet, by student and question, with the answer they were given for. */
type EarlierPoints = Map<string, { answer: string; points: string }>;
const sheetKey = (studentId: string, question: string) => JSON.stringify([studentId, question]);

/** One row per student and manually graded question, for submissions that could be read. */
export function manualGradingCsv(questions: ManualQuestion[], grades: SubmissionGrade[], earlier: EarlierPoints = new Map()): string {
  const rows: CsvValue[][] = [];
  for (const g of grades) {
    if (g.error) continue;
    for (const q of questions) {
      const answer = answerText(g.file, q.question);
      if (answer === undefined) continue;
      const before = earlier.get(sheetKey(g.studentId, q.question));
      rows.push([g.studentId, q.question, q.maxPoints, answer, before?.answer === answer ? before.points : ""]);
    }
  }
  return formatCsv([[...MANUAL_COLUMNS], ...rows]);
}

function earlierPoints(file: string): EarlierPoints {
  const earlier: EarlierPoints = new Map();
  if (!fs.existsSync(file)) return earlier;
  const table = parseCsvTable(fs.readFileSync(file, "utf8"), file, ["student_id", "question", "answer", "points"]);
  for (const { cells } of table.rows) {
    if (cells.points.trim() !== "") earlier.set(sheetKey(cells.student_id, cells.question), { answer: cells.answer, points: cells.points });
  }
  return earlier;
}

/**
 * Writes DIR/manual/manual.csv. Points already filled into that file are kept for every answer
 * that did not change, so grading again does not throw away a person's work; `kept` counts them.
 * A sheet that cannot be read is kept aside as manual-unreadable.csv rather than overwritten.
 */
export function writeManualSheet(outDir: string, questions: ManualQuestion[], grades: SubmissionGrade[]): { file: string; kept: number; note?: string } {
  const file = path.join(outDir, MANUAL_FILE);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let earlier: EarlierPoints = new Map();
  let note: string | undefined;
  try {
    earlier = earlierPoints(file);
  } catch (e) {
    if (!(e instanceof GradebookError)) throw e;
    const aside = path.join(path.dirname(file), "manual-unreadable.csv");
    fs.renameSync(file, aside);
    note = `${e.message} It was moved to ${aside}; a fresh ${file} was written.`;
  }
  const text = manualGradingCsv(questions, grades, earlier);
  writeFileAtomic(file, text);
  const kept = parseCsvTable(text, file, ["points"]).rows.filter((r) => r.cells.points.trim() !== "").length;
  return { file, kept, note };
}

export interface MergeResult {
  csvFile: string;
  /** Filled-in rows merged into grades.csv. */
  merged: number;
  /** Rows whose points column is still empty (left as they were). */
  pending: number;
}

function parsePoints(text: string): number | undefined {
  const t = text.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : undefined;
}

type Row = CsvTable["rows"][number];

/** The filled-in points of a sheet, by student and question; every mistake in it is listed at once. */
function filledPoints(sheet: CsvTable, sheetName: string, students: Set<string>, settings: GradebookSettings): { given: Map<string, Map<string, number>>; pending: number } {
  const manual = new Map(settings.columns.filter((c) => c.manual).map((c) => [c.question, c]));
  const manualNames = [...manual.keys()].join(", ") || "none";
  const autograded = new Set(settings.columns.filter((c) => !c.manual).map((c) => c.question));
  const problems: string[] = [];
  const given = new Map<string, Map<string, number>>();
  let pending = 0;
  for (const { line, cells } of sheet.rows) {
    const where = `${path.basename(sheetName)} line ${line}`;
    const { student_id: student, question, points: text } = cells;
    if (!students.has(student)) { problems.push(`${where}: no student ${JSON.stringify(student)} in grades.csv.`); continue; }
    const column = manual.get(question);
    if (!column) {
      problems.push(autograded.has(question)
        ? `${where}: ${JSON.stringify(question)} is autograded; only manually graded questions (${manualNames}) take points here.`
        : `${where}: no manually graded question ${JSON.stringify(question)}; they are: ${manualNames}.`);
      continue;
    }
    if (text.trim() === "") { pending++; continue; }
    const points = parsePoints(text);
    if (points === undefined || points < 0 || points > column.maxPoints) {
      problems.push(`${where}: points ${JSON.stringify(text)} for ${student} on ${question} must be a number from 0 to ${column.maxPoints}.`);
      continue;
    }
    const mine = given.get(student) ?? new Map<string, number>();
    if (mine.has(question)) { problems.push(`${where}: ${student} on ${question} is given points twice.`); continue; }
    given.set(student, mine.set(question, points));
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 20).join("\n  ");
    throw new GradebookError(`Nothing was merged; fix ${sheetName} first:\n  ${shown}${problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ""}`);
  }
  return { given, pending };
}

/** A number cell of grades.csv (empty counts 0). */
function numberCell(row: Row, column: string): number {
  const value = row.cells[column] === "" ? 0 : Number(row.cells[column]);
  if (!Number.isFinite(value)) throw new GradebookError(`grades.csv line ${row.line}: ${column} holds ${JSON.stringify(row.cells[column])}, not a number.`);
  return value;
}

/** Merges the points filled into `manualFile` into DIR/grades.csv, recomputing raw score, penalty and score. */
export function mergeManualPoints(manualFile: string, outDir: string): MergeResult {
  const settings = readGradebookSettings(outDir);
  const csvFile = path.join(outDir, "grades.csv");
  if (!fs.existsSync(csvFile)) throw new GradebookError(`${outDir} has no grades.csv: run \`tlab autograde … --out ${outDir}\` first.`);
  if (!fs.existsSync(manualFile)) throw new GradebookError(`${manualFile} does not exist: give the file autograde wrote to ${path.join(outDir, MANUAL_FILE)}, with its points column filled in.`);
  const gradebook = parseCsvTable(fs.readFileSync(csvFile, "utf8"), csvFile, [...NBGRADER_COLUMNS, ...settings.columns.map((c) => c.question)]);
  const sheet = parseCsvTable(fs.readFileSync(manualFile, "utf8"), manualFile, ["student_id", "question", "points"]);
  const students = new Map(gradebook.rows.map((r) => [r.cells.student_id, r]));
  const { given, pending } = filledPoints(sheet, manualFile, new Set(students.keys()), settings);

  let merged = 0;
  for (const [student, points] of given) {
    const row = students.get(student)!;
    let raw = numberCell(row, "raw_score");
    for (const [question, p] of points) {
      // Replaces what an earlier merge gave.
      raw += p - numberCell(row, question);
      row.cells[question] = String(p);
      merged++;
    }
    raw = roundPoints(raw);
    const final = finalScore(raw, row.cells.timestamp, settings);
    row.cells.raw_score = String(raw);
    row.cells.late_submission_penalty = "penalty" in final ? String(roundPoints(final.penalty)) : "";
    row.cells.score = "penalty" in final ? String(roundPoints(final.score)) : "";
  }
  const numeric = new Set([...NUMERIC_COLUMNS, ...settings.columns.map((c) => c.question)]);
  const rows = gradebook.rows.map((row) => gradebook.header.map((h): CsvValue =>
    numeric.has(h) && row.cells[h] !== "" ? numberCell(row, h) : row.cells[h]));
  writeFileAtomic(csvFile, formatCsv([gradebook.header, ...rows]));
  return { csvFile, merged, pending };
}
