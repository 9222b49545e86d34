// The grader's in-kernel checker, in this process: signed records, frozen state, restored
// built-ins, and hidden test messages kept private.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { scratchDir } from "../helpers/paths";
import { installChecker } from "../../src/quiz/grading/checker";
import { readRecords } from "../../src/quiz/grading/score";

test("the checker signs its records, and forged lines are rejected", async () => {
  const dir = scratchDir("quiz-checker");
  const records = path.join(dir, "records.log");
  const checker = installChecker({ secret: "s3cret", records });
  checker.cell("q1-check", "n1");
  checker.answer("q1", 2);
  checker.check("q1");
  fs.appendFileSync(records, `${JSON.stringify({ t: "test", id: "q5", passed: true, hidden: false, message: null })}\tdeadbeef\n`);
  const read = readRecords(records, "s3cret");
  assert.equal(read.rejected, 1);
  assert.deepEqual(read.records.map((r) => r.t), ["cell", "answer", "check"]);
  assert.deepEqual(read.records[1], { t: "answer", id: "q1", value: 2 });
  assert.equal(readRecords(records, "another secret").records.length, 0);

  // An async test that was not awaited still belongs to the cell it started in.
  checker.cell("q5-tests", "n4");
  const pending = checker.test("q5", async () => { await new Promise((r) => setTimeout(r, 20)); });
  checker.cell("", "n5");
  await pending;
  const last = readRecords(records, "s3cret").records.at(-1)!;
  assert.deepEqual(last, { t: "test", id: "q5", cell: "n4", passed: true, hidden: false, message: null });
});

test("the checker cannot be changed, puts back replaced built-ins, and hides hidden-test messages", async () => {
  const dir = scratchDir("quiz-checker-guard");
  const records = path.join(dir, "records.log");
  const checker = installChecker({ secret: "k", records });
  assert.ok(Object.isFrozen(checker));
  assert.throws(() => { (checker as { check: unknown }).check = () => undefined; }, TypeError);

  const abs = Math.abs;
  try {
    Math.abs = () => 0;
    checker.cell("q5-tests", "n2");
    assert.equal(Math.abs, abs, "Math.abs was put back before the graded cell");
  } finally {
    Math.abs = abs;
  }
  checker.test("q5", (a) => { (a as { equal(x: unknown, y: unknown): void }).equal(1, 2); });
  checker.test("q5", (a) => {
    (a as { ok(x: unknown): void }).ok(true);
    checker.hidden();
    (a as { equal(x: unknown, y: unknown, m: string): void }).equal(3, 4, "the secret expectation");
  });
  await checker.test("q5", async () => { await new Promise((r) => setTimeout(r, 5)); });
  const { records: list } = readRecords(records, "k");
  const tests = list.filter((r) => r.t === "test");
  assert.equal(tests.length, 3);
  assert.deepEqual(tests.map((t) => t.t === "test" && [t.passed, t.hidden]), [[false, false], [false, true], [true, false]]);
  assert.match(String(tests[0].t === "test" && tests[0].message), /AssertionError/);
  assert.equal(tests[1].t === "test" && tests[1].message, null);
  assert.ok(!fs.readFileSync(records, "utf8").includes("the secret expectation"));

  // A built-in that cannot be put back is reported (the grader then scores that cell 0).
  // Math.hypot is one nothing here uses; this is the last thing this test file does.
  Object.defineProperty(Math, "hypot", { value: () => 0, writable: false, configurable: false });
  checker.cell("q5-tests", "n3");
  const last = readRecords(records, "k").records.at(-1)!;
  assert.deepEqual(last, { t: "cell", cell: "n3", grade_id: "q5-tests", tampered: ["hypot"] });
});
