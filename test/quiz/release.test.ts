import { test } from "node:test";
import * as assert from "node:assert/strict";
import Ajv from "ajv";
import { NBGRADER_V3_SCHEMA, computeChecksum } from "../../src/quiz/nbgrader";
import { parseQuestionCell } from "../../src/quiz/cells";
import { matchesHashes } from "../../src/quiz/answers";
import { Notebook, cellSource, parseNotebook, NotebookFormatError } from "../../src/quiz/notebook";
import { releaseNotebook } from "../../src/quiz/release";
import { QuizSpecError } from "../../src/quiz/spec";
import { SECRETS, code, instructorNotebook } from "./fixtures";
import { unseal } from "../../src/quiz/sealed";

const validate = new Ajv({ allErrors: true, strict: false }).compile(NBGRADER_V3_SCHEMA);

function checkSchema(nb: Notebook): void {
  let checked = 0;
  for (const cell of nb.cells) {
    if (!cell.metadata.nbgrader) continue;
    checked++;
    assert.ok(validate(cell.metadata.nbgrader), `${JSON.stringify(cell.metadata.nbgrader)}: ${JSON.stringify(validate.errors)}`);
  }
  assert.ok(checked >= 14, `only ${checked} cells carry nbgrader metadata`);
}

test("the schema rejects what nbgrader rejects", () => {
  assert.ok(validate({ schema_version: 3, grade: false, solution: false, locked: false }));
  assert.ok(!validate({ schema_version: 3, grade: true, solution: false, locked: true, grade_id: "a" }), "graded cell without points");
  assert.ok(!validate({ schema_version: 3, grade: false, solution: true, locked: false }), "solution cell without grade_id");
  assert.ok(!validate({ schema_version: 3, grade: false, solution: false, locked: true, grade_id: "bad id" }), "grade_id pattern");
  assert.ok(!validate({ schema_version: 3, grade: false, solution: false, locked: false, tlab: {} }), "extra key");
  assert.ok(!validate({ schema_version: 2, grade: false, solution: false, locked: false }), "old schema");
});

for (const mode of ["practice", "graded"] as const) {
  test(`a ${mode} student copy holds no answer, no solution and no hidden test, and validates against nbgrader v3`, () => {
    const source = instructorNotebook();
    const student = releaseNotebook(source, { mode });
    const text = JSON.stringify(student);
    // Practice copies carry hints and the explanation sealed, for the feedback to show later.
    for (const secret of Object.values(SECRETS)) assert.ok(!text.includes(secret), `the ${mode} copy contains ${secret}`);
    for (const cell of student.cells.filter((c) => c.metadata.tlab?.role === "question")) {
      assert.equal(parseQuestionCell(cellSource(cell)).spec.answer, undefined, "a spec still carries its answer");
    }
    assert.ok(!text.includes("BEGIN HIDDEN TESTS"));
    checkSchema(student);
    assert.equal(student.metadata.tlab?.mode, mode);
    assert.equal(student.metadata.tlab?.assignment, "hw1");
    // The source notebook is untouched.
    assert.ok(JSON.stringify(source).includes(SECRETS.textAnswer));

    const byId = (id: string) => student.cells.find((c) => c.metadata.nbgrader?.grade_id === id)!;
    assert.equal(cellSource(byId("q1")), 'quiz.answer("q1", null)  // replace null with the number of your choice');
    assert.equal(byId("q1-question").metadata.nbgrader?.locked, true);
    assert.deepEqual(byId("q1").metadata.tlab, { question: "q1", role: "answer", type: "choice" });
    assert.deepEqual(byId("q5-tests").metadata.tlab, { question: "q5", role: "test", type: "code" });
    assert.equal(cellSource(byId("q5")), [
      "function mySoftmax(row: number[]): number[] {",
      "  // YOUR CODE HERE",
      '  throw new Error("Not implemented yet");',
      "}",
    ].join("\n"));
    assert.match(cellSource(byId("q5-tests")), /assert\.equal\(p\.length, 2\);\n\s*assert\.ok/);
    for (const cell of student.cells) {
      const m = cell.metadata.nbgrader;
      if (m && (m.grade || m.solution || m.locked)) {
        assert.equal(m.checksum, computeChecksum(cell));
        assert.equal(m.cell_type, cell.cell_type);
      }
      if (cell.cell_type === "code") assert.deepEqual(cell.outputs, []);
    }

    const q1 = parseQuestionCell(cellSource(byId("q1-question")));
    if (mode === "practice") {
      assert.ok(matchesHashes(q1, 2));
      assert.ok(!matchesHashes(q1, 1));
      assert.equal(q1.spec.hints, undefined, "hints are sealed, not in clear");
      assert.deepEqual(unseal(q1.spec.sealed!, q1.spec.salt!), { hints: ["What can a model read?"], explanation: SECRETS.explanation });
    } else {
      assert.equal(q1.spec.graded, true);
      assert.equal(q1.spec.hashes, undefined);
      assert.equal(q1.spec.explanation, undefined);
    }
  });
}

test("checksums change when a locked cell is edited", () => {
  const student = releaseNotebook(instructorNotebook());
  const cell = student.cells.find((c) => c.metadata.nbgrader?.grade_id === "q1-check")!;
  const before = cell.metadata.nbgrader!.checksum;
  cell.source = 'quiz.answer("q1", 2); quiz.check("q1")';
  assert.notEqual(computeChecksum(cell), before);
});

test("authoring mistakes are explained", () => {
  const withCell = (source: string) => ({ ...instructorNotebook(), cells: [code(source)] });
  assert.throws(() => releaseNotebook(withCell(`const right = 2;\nquiz.choice("q1", { choices: ["a", "b"], answer: right })`)),
    (e: Error) => e instanceof QuizSpecError && /must be a literal/.test(e.message) && /right/.test(e.message));
  assert.throws(() => releaseNotebook(withCell(`quiz.choice("q 1", { choices: ["a", "b"], answer: 1 })`)), /letters, digits/);
  assert.throws(() => releaseNotebook(withCell(`quiz.choice("q1", { choices: ["a"], answer: 1 })`)), /at least two/);
  assert.throws(() => releaseNotebook(withCell(`quiz.numeric("q1", { tolerance: 0.1 })`)), /no "answer"/);
  assert.throws(() => releaseNotebook({ ...instructorNotebook(), cells: [code("// BEGIN SOLUTION\nx", { grade: false, solution: true, locked: false, grade_id: "a" })] }), /never closed/);
  const dup = instructorNotebook();
  dup.cells.push(code("1", { grade: true, solution: false, locked: true, points: 1, grade_id: "q5-tests" }));
  assert.throws(() => releaseNotebook(dup), /grade_id "q5-tests" is used by cells/);
});

test("broken notebook files give a clear error", () => {
  assert.throws(() => parseNotebook("{\"cells\": [", "x.ipynb"), (e: Error) => e instanceof NotebookFormatError && /x\.ipynb is not valid notebook JSON/.test(e.message));
  assert.throws(() => parseNotebook("{}", "x.ipynb"), /no "cells" list/);
  assert.throws(() => parseNotebook('{"cells": [], "nbformat": 3}', "x.ipynb"), /nbformat 3/);
});
