/**
 * What the gradebook is made of: nbgrader's columns, one column per question (autograded and
 * manually graded, in notebook order), and the settings it was graded with (due date, late
 * penalty), kept next to grades.csv in gradebook.json so that merging hand-graded points later
 * recomputes scores the same way.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../../utils/atomic_write";
import { isGrade, isSolution } from "../nbgrader";
import { GradebookError } from "./gradebook-error";
import { LatePenalty, formatLatePenalty, latePenaltyPoints, latenessOf, parseLatePenalty } from "./late-penalty";
import { QuizSpecError } from "../spec";
import { parseTimestamp } from "./timestamp";
import { SourceModel } from "./source-model";

export const NBGRADER_COLUMNS = [
  "assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
  "raw_score", "late_submission_penalty", "score", "max_score",
] as const;

/** Gradebook columns that hold numbers (besides the question columns). */
export const NUMERIC_COLUMNS: readonly string[] = ["raw_score", "late_submission_penalty", "score", "max_score"];

export interface GradebookOptions {
  /** Submissions after this instant are late. */
  duedate?: Date;
  /** Default: none (late submissions are marked by their timestamp only). */
  latePenalty?: LatePenalty;
  /** Release each question's explanation in the feedback although no due date is given. */
  releaseExplanations?: boolean;
}

/** `tlab autograde`'s gradebook options, as its --help describes them. */
export const GRADEBOOK_USAGE = `Due date and late penalty:
  --duedate TIME          submissions after TIME are late; each submission's time is its
                          timestamp.txt (nbgrader's, e.g. 2026-12-01 10:00:00.123456 UTC), else the
                          notebook's modification time. TIME is ISO 8601 (2026-12-01T10:00:00Z,
                          2026-12-01 11:00+01:00); a time without a zone is UTC. A timestamp that
                          cannot be read leaves that row's penalty and score empty, says why in
                          its error column, and makes autograde exit with 1.
  --late-penalty POLICY   none (the default), zero (a late submission gets 0 points), per-hour:P or
                          per-day:P (P points per started hour or day late), never more than the
                          raw score: score = max(0, raw_score - penalty). Needs --duedate.
  --release-explanations  without --duedate, put each question's explanation in the feedback pages
                          (with --duedate they appear only in pages written after the due date).`;

export interface GradebookArgs {
  duedate?: string;
  latePenalty?: string;
  releaseExplanations?: boolean;
}

/** The gradebook options from the command line; a mistake throws an error that says what to write. */
export function parseGradebookArgs(args: GradebookArgs, now: Date = new Date()): GradebookOptions {
  const duedate = args.duedate === undefined ? undefined : parseTimestamp(args.duedate, "--duedate");
  if (args.latePenalty !== undefined && !duedate) throw new GradebookError("--late-penalty needs --duedate: a submission is late only against a due date.");
  if (args.releaseExplanations && duedate && duedate.getTime() >= now.getTime()) {
    throw new GradebookError(`--release-explanations: the due date ${duedate.toISOString()} has not passed; explanations are released only after it.`);
  }
  return {
    duedate,
    latePenalty: args.latePenalty === undefined ? undefined : parseLatePenalty(args.latePenalty),
    releaseExplanations: args.releaseExplanations,
  };
}

/** A manually graded answer cell (nbgrader `solution: true, grade: true`): points a person gives. */
export interface ManualQuestion {
  question: string;
  maxPoints: number;
}

export interface GradebookColumn {
  question: string;
  maxPoints: number;
  manual: boolean;
}

/** Manually graded cells of the source, by grade_id, in notebook order. */
export function manualQuestions(model: SourceModel): ManualQuestion[] {
  return model.notebook.cells
    .filter((c) => isGrade(c) && isSolution(c) && c.metadata.nbgrader?.grade_id)
    .map((c) => ({ question: c.metadata.nbgrader!.grade_id!, maxPoints: Number(c.metadata.nbgrader!.points ?? 0) }));
}

/** Every question column, autograded or manual, in the order the questions appear in the notebook. */
export function gradebookColumns(model: SourceModel): GradebookColumn[] {
  const firstCell = (c: GradebookColumn) => model.notebook.cells.findIndex((cell) => isGrade(cell) && (c.manual
    ? isSolution(cell) && cell.metadata.nbgrader?.grade_id === c.question
    : !isSolution(cell) && (cell.metadata.tlab?.question ?? cell.metadata.nbgrader?.grade_id) === c.question));
  const manual = manualQuestions(model);
  const clash = manual.find((q) => model.columns.some((c) => c.question === q.question));
  if (clash) throw new QuizSpecError(`The manually graded cell "${clash.question}" has the name of an autograded question: give it another grade_id.`);
  return [
    ...model.columns.map((c) => ({ ...c, manual: false })),
    ...manual.map((q) => ({ ...q, manual: true })),
  ].map((column) => ({ column, at: firstCell(column) })).sort((a, b) => a.at - b.at).map((x) => x.column);
}

/** Points as nbgrader prints them: up to 4 decimals. */
export function roundPoints(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

export type FinalScore = { penalty: number; score: number } | { problem: string };

/** nbgrader's `late_submission_penalty` and `score` for a raw score and the submission's timestamp. */
export function finalScore(rawScore: number, timestamp: string, options: GradebookOptions): FinalScore {
  if (!options.duedate) return { penalty: 0, score: rawScore };
  const lateness = latenessOf(timestamp, options.duedate);
  if (!lateness.ok) return { problem: lateness.problem };
  const penalty = latePenaltyPoints(options.latePenalty ?? { kind: "none" }, lateness.lateness, rawScore);
  return { penalty, score: Math.max(0, rawScore - penalty) };
}

/** Whether feedback written at `now` may show explanations: after the due date, never before it. */
export function explanationsReleased(options: GradebookOptions, now: Date = new Date()): boolean {
  return options.duedate ? now.getTime() > options.duedate.getTime() : options.releaseExplanations === true;
}

export interface GradebookSettings {
  assignment: string;
  duedate?: Date;
  latePenalty: LatePenalty;
  columns: GradebookColumn[];
}

export const SETTINGS_FILE = "gradebook.json";

export function writeGradebookSettings(dir: string, settings: GradebookSettings): void {
  writeFileAtomic(path.join(dir, SETTINGS_FILE), JSON.stringify({
    assignment: settings.assignment,
    duedate: settings.duedate?.toISOString() ?? null,
    late_penalty: formatLatePenalty(settings.latePenalty),
    columns: settings.columns.map((c) => ({ question: c.question, max_points: c.maxPoints, manual: c.manual })),
  }, null, 2) + "\n");
}

export function readGradebookSettings(dir: string): GradebookSettings {
  const file = path.join(dir, SETTINGS_FILE);
  if (!fs.existsSync(file)) throw new GradebookError(`${dir} has no ${SETTINGS_FILE}: run \`tlab autograde … --out ${dir}\` first.`);
  try {
    const json = JSON.parse(fs.readFileSync(file, "utf8"));
    return {
      assignment: String(json.assignment),
      duedate: json.duedate ? new Date(json.duedate) : undefined,
      latePenalty: parseLatePenalty(json.late_penalty),
      columns: (json.columns as { question: string; max_points: number; manual: boolean }[])
        .map((c) => ({ question: c.question, maxPoints: Number(c.max_points), manual: c.manual === true })),
    };
  } catch (e) {
    throw new GradebookError(`${file} is damaged (${(e as Error).message}); grade again with \`tlab autograde … --out ${dir}\`.`);
  }
}
