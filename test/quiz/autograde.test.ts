// Acceptance: release an assignment, answer it as three students, autograde with the real kernel.
import { gradingSandbox } from "../helpers/sandbox";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { scratchDir } from "../helpers/paths";
import { parseCsv } from "./csv";
import { autograde } from "../../src/quiz/grading/autograde";
import { Notebook, readNotebook, writeNotebook } from "../../src/quiz/notebook";
import { releaseNotebook } from "../../src/quiz/release";
import {
  NAIVE_SOFTMAX, SECRETS, SOFTMAX_SOLUTION, WRONG_SOFTMAX, answerAll, byGradeId, insertAfter, instructorNotebook, setCell,
} from "./fixtures";

const sandbox = gradingSandbox();

test("autograde: three students, a corrupted file, exact scores, tampering and an endless cell change nothing", { timeout: 600_000, skip: sandbox.skip }, async () => {
  const dir = scratchDir("quiz-autograde");
  const sourceFile = path.join(dir, "source", "hw1.ipynb");
  fs.mkdirSync(path.dirname(sourceFile), { recursive: true });
  writeNotebook(sourceFile, instructorNotebook());
  const student: Notebook = releaseNotebook(instructorNotebook(), { mode: "graded" });

  // nbgrader's layout: submitted/<student_id>/<assignment>/<notebook>.ipynb
  const submit = (id: string, nb: Notebook | string) => {
    const file = path.join(dir, "submitted", id, "hw1", "hw1.ipynb");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (typeof nb === "string") fs.writeFileSync(file, nb); else writeNotebook(file, nb);
  };
  submit("alice", answerAll(student, {
    q1: "2", q2: "[3, 1]", q3: "Math.exp(3) / (Math.exp(3) + 1)", q4: '"  Zebra - Attention "', q5: SOFTMAX_SOLUTION,
  }));
  // Right on q2 and q4; q5 passes the visible tests but overflows in the hidden ones.
  const bob = answerAll(student, { q1: "1", q2: "[1, 3]", q3: "0.5", q4: '"zebra-attention"', q5: NAIVE_SOFTMAX });
  // A right answer given after the question's check cell does not count.
  insertAfter(bob, "q4-check", `quiz.answer("q1", 2)`);
  submit("bob", bob);
  // Right on q2 and q3 only, and tries everything else.
  const carol = answerAll(student, { q1: "3", q2: "[1, 3]", q3: "0.9523", q4: '"attention"', q5: WRONG_SOFTMAX });
  setCell(carol, byGradeId("q1-check"), `quiz.answer("q1", 2); quiz.check("q1")`);
  setCell(carol, byGradeId("q5-tests"), `quiz.test("q5", () => {})`);
  carol.cells.find(byGradeId("q5-tests"))!.metadata = {};
  insertAfter(carol, "q1", [
    `(quiz as any).check = () => {};`,
    `(quiz as any).test = () => {};`,
    `(globalThis as any).quiz = { answer() {}, check() {}, test() {} };`,
    `Math.abs = () => 0;`,
  ].join("\n"));
  insertAfter(carol, "q1-check", `while (true) {}`);
  insertAfter(carol, "q4-check", `quiz.check = () => {};`);
  submit("carol", carol);
  submit("dave", `{"cells": [ {"cell_type": "code", "source": "quiz.answer(`);

  const started = Date.now();
  const result = await autograde(sourceFile, [path.join(dir, "submitted")], { outDir: path.join(dir, "out"), workers: 2, timeoutSeconds: 8 });
  const elapsed = Date.now() - started;

  const rows = parseCsv(fs.readFileSync(result.csvFile, "utf8"));
  const header = fs.readFileSync(result.csvFile, "utf8").split("\n")[0];
  assert.equal(header, "assignment,duedate,timestamp,student_id,last_name,first_name,email,raw_score,late_submission_penalty,score,max_score,q1,q2,q3,q4,q5,error");
  const byStudent = Object.fromEntries(rows.map((r) => [r.student_id, r]));
  assert.deepEqual(Object.keys(byStudent).sort(), ["alice", "bob", "carol", "dave"]);
  const scores = (id: string) => ["q1", "q2", "q3", "q4", "q5", "raw_score", "score", "max_score"].map((k) => byStudent[id][k]);
  assert.deepEqual(scores("alice"), ["1", "1", "1", "1", "2", "6", "6", "6"]);
  assert.deepEqual(scores("bob"), ["0", "1", "0", "1", "0", "2", "2", "6"]);
  assert.deepEqual(scores("carol"), ["0", "1", "1", "0", "0", "2", "2", "6"]);
  for (const id of ["alice", "bob", "carol"]) {
    assert.equal(byStudent[id].assignment, "hw1");
    assert.equal(byStudent[id].error, "");
  }
  assert.match(byStudent.dave.error, /not valid notebook JSON/);
  assert.equal(byStudent.dave.raw_score, "0");

  // The endless cell was stopped; every cell after it still ran and was graded (q2, q3 above).
  const carolGrade = result.grades.find((g) => g.studentId === "carol")!;
  assert.equal(carolGrade.notes.length, 1);
  assert.match(carolGrade.notes[0], /ran longer than 8 s and was stopped/);
  assert.ok(elapsed < 300_000, `grading took ${elapsed} ms`);
  // Math.abs was put back before the test cell: the visible test fails as it honestly should.
  assert.match(carolGrade.cells.find((c) => c.question === "q5")!.message, /should be about 0\.8808/);
  const bobGrade = result.grades.find((g) => g.studentId === "bob")!;
  assert.equal(bobGrade.cells.find((c) => c.question === "q5")!.message, "a hidden test failed");

  // The autograded notebook ran the source's test cell, not carol's edit.
  const carolRun = readNotebook(path.join(dir, "out", "autograded", "carol", "hw1", "hw1.ipynb"));
  const ranTests = carolRun.cells.filter((c) => String(c.source).includes('quiz.test("q5"'));
  assert.equal(ranTests.length, 2, "carol's unmarked copy runs as her own cell, the source's test cell is restored");
  assert.ok(ranTests.some((c) => String(c.source).includes(SECRETS.hiddenTest)));

  // Feedback pages: one per submission, with no answer and no hidden test.
  for (const id of ["alice", "bob", "carol", "dave"]) {
    const html = fs.readFileSync(path.join(dir, "out", "feedback", `${id}.html`), "utf8");
    for (const secret of Object.values(SECRETS)) assert.ok(!html.includes(secret), `${id}'s feedback contains ${secret}`);
    assert.ok(!html.includes("large scores must not overflow"), "a hidden test's message leaked");
  }
  const aliceHtml = fs.readFileSync(path.join(dir, "out", "feedback", "alice.html"), "utf8");
  assert.match(aliceHtml, /Score: 6 \/ 6/);
});
