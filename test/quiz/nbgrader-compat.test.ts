// nbgrader compatibility, checked with a real Jupyter client (nbclient via nbconvert): a source
// prepared with `--for-nbgrader`, stripped as nbgrader would, then executed on our kernel. Wrong
// answers and failing tests must be `error` outputs, passing cells silent on stderr.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { PYTHON, systemComponent } from "../helpers/system";
import { scratchDir } from "../helpers/paths";
import { defaultKernelLaunch } from "../../src/quiz/runner/kernel";
import { Notebook, cellSource, readNotebook, writeNotebook } from "../../src/quiz/notebook";
import { releaseNotebook } from "../../src/quiz/release";
import { stripHiddenTests } from "../../src/quiz/regions";
import { NAIVE_SOFTMAX, SECRETS, byGradeId, instructorNotebook, setCell } from "./fixtures";

const nbclient = systemComponent("nbclient", [PYTHON, "-c", "import nbclient, nbconvert"], "apt-get install python3-nbclient python3-nbconvert");

/** Registers the kernel under a private JUPYTER_PATH, as `tlab install --prefix` would. */
export function privateKernelPath(dir: string): string {
  const kernelDir = path.join(dir, "share", "jupyter", "kernels", "transformers-lab");
  fs.mkdirSync(kernelDir, { recursive: true });
  fs.writeFileSync(path.join(kernelDir, "kernel.json"), JSON.stringify({
    argv: defaultKernelLaunch().command("{connection_file}"), display_name: "TypeScript (Transformers Lab)", language: "typescript",
    interrupt_mode: "message",
  }));
  return path.join(dir, "share", "jupyter");
}

test("the --for-nbgrader source keeps solutions and hidden tests and hashes the quiz answers", () => {
  const nb = releaseNotebook(instructorNotebook(), { keepSolutions: true });
  const text = JSON.stringify(nb);
  assert.ok(!cellSource(nb.cells.find(byGradeId("q4-question"))!).includes(SECRETS.textAnswer), "the question cell holds hashes");
  assert.ok(text.includes(SECRETS.hiddenTest) && text.includes(SECRETS.solutionLine), "nbgrader strips these itself");
  assert.equal(cellSource(nb.cells.find(byGradeId("q1"))!), '// BEGIN SOLUTION\nquiz.answer("q1", 2)\n// END SOLUTION');
});

test("nbclient on the kernel: failures are error outputs, passing cells are silent", { skip: nbclient.skip, timeout: 300_000 }, () => {
  const dir = scratchDir("quiz-nbgrader");
  // What a student hands in after nbgrader's release: q1 and q3 right, q2 wrong, the hidden tests
  // restored by nbgrader at autograde, and a softmax that overflows on them.
  const student: Notebook = releaseNotebook(instructorNotebook(), { keepSolutions: true });
  setCell(student, byGradeId("q1"), `quiz.answer("q1", 2)`);
  setCell(student, byGradeId("q2"), `quiz.answer("q2", [1, 2])`);
  setCell(student, byGradeId("q3"), `quiz.answer("q3", 0.9525)`);
  setCell(student, byGradeId("q4"), `quiz.answer("q4", " Zebra-Attention")`);
  setCell(student, byGradeId("q5"), NAIVE_SOFTMAX);
  const visibleOnly = JSON.parse(JSON.stringify(student)) as Notebook;
  const testCell = visibleOnly.cells.find(byGradeId("q5-tests"))!;
  testCell.source = stripHiddenTests(cellSource(testCell));
  const run = (nb: Notebook, name: string) => {
    const file = path.join(dir, `${name}.ipynb`);
    writeNotebook(file, nb);
    const r = spawnSync(PYTHON, ["-m", "nbconvert", "--to", "notebook", "--execute", "--allow-errors", "--output", `${name}.out`, file], {
      encoding: "utf8", env: { ...process.env, JUPYTER_PATH: privateKernelPath(dir) }, timeout: 240_000,
    });
    assert.equal(r.status, 0, r.stderr);
    return readNotebook(path.join(dir, `${name}.out.ipynb`));
  };
  const graded = run(student, "with-hidden-tests");
  const errored = (nb: Notebook, id: string) => (nb.cells.find(byGradeId(id))!.outputs ?? []).some((o) => o.output_type === "error");
  const stderr = (nb: Notebook, id: string) => (nb.cells.find(byGradeId(id))!.outputs ?? []).some((o) => o.output_type === "stream" && o.name === "stderr");
  assert.deepEqual(["q1-check", "q2-check", "q3-check", "q4-check", "q5-tests"].map((id) => errored(graded, id)), [false, true, false, false, true]);
  for (const id of ["q1-check", "q3-check", "q4-check"]) assert.ok(!stderr(graded, id), `${id} wrote to stderr`);
  const failure = graded.cells.find(byGradeId("q5-tests"))!.outputs!.find((o) => o.output_type === "error")!;
  assert.equal(failure.ename, "QuizCheckError");
  // The same answer passes the visible tests alone: only the hidden ones catch the overflow.
  const visible = run(visibleOnly, "visible-tests");
  assert.ok(!errored(visible, "q5-tests"));
  assert.ok(graded.cells.every((c) => c.cell_type !== "code" || c.execution_count !== null), "nbclient saved execution counts");
});
