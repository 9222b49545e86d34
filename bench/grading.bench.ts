/**
 * Autograding throughput: 100 submissions of a 10-question assignment through `autograde`
 * (each in a fresh kernel in its own sandbox, workers in parallel) against running the same
 * notebooks one after another through nbclient (`python3 -m nbconvert --to notebook --execute`),
 * and the sandbox's cost: the same grading with `--unsafe-no-sandbox`; then the same batch on 1 and
 * 2 local Jupyter Servers (`--server`), against the local grader. GRADING_BENCH_SERVERS=0 skips those.
 * GRADING_BENCH_N=10 runs a smaller batch.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { autograde, defaultWorkers } from "../src/quiz/grading/autograde";
import { Notebook, NotebookCell, writeNotebook } from "../src/quiz/notebook";
import { releaseNotebook } from "../src/quiz/release";
import { detectSandbox } from "../src/quiz/grading/sandbox";
// The test suite's real Jupyter Server on 127.0.0.1, with the kernelspec in a private prefix.
import { startNotebookServer } from "../test/kernel/notebook-server";
import { defaultKernelLaunch } from "../src/quiz/runner/kernel";

const PYTHON = "/usr/bin/python3";

function cell(source: string, nbgrader?: Record<string, unknown>): NotebookCell {
  return { cell_type: "code", source, metadata: nbgrader ? { nbgrader: { schema_version: 3, ...nbgrader } as never } : {}, outputs: [], execution_count: null };
}
const check = (id: string) => cell(`quiz.check("${id}")`, { grade: true, solution: false, locked: true, points: 1, grade_id: `${id}-check` });

/** Ten questions: four single choice, two multiple choice, two numeric, one text, one code. */
function assignment(): Notebook {
  const cells: NotebookCell[] = [];
  for (let i = 1; i <= 4; i++) {
    cells.push(cell(`quiz.choice("q${i}", { choices: ["a", "b", "c", "d"], answer: ${(i % 4) + 1} })`), cell(`quiz.answer("q${i}", ${(i % 4) + 1})`), check(`q${i}`));
  }
  for (let i = 5; i <= 6; i++) {
    cells.push(cell(`quiz.multiple("q${i}", { choices: ["a", "b", "c"], answer: [1, 3] })`), cell(`quiz.answer("q${i}", [1, 3])`), check(`q${i}`));
  }
  for (let i = 7; i <= 8; i++) {
    cells.push(cell(`quiz.numeric("q${i}", { answer: ${i / 10}, tolerance: 0.01 })`), cell(`quiz.answer("q${i}", ${i / 10})`), check(`q${i}`));
  }
  cells.push(cell(`quiz.text("q9", { answer: "logits" })`), cell(`quiz.answer("q9", "logits")`), check("q9"));
  cells.push(
    cell(`function mean(xs: number[]): number {\n  // BEGIN SOLUTION\n  return xs.reduce((a, b) => a + b, 0) / xs.length;\n  // END SOLUTION\n}`, { grade: false, solution: true, locked: false, grade_id: "q10" }),
    cell(`quiz.test("q10", (assert) => {\n  assert.equal(mean([1, 2, 3]), 2);\n  // BEGIN HIDDEN TESTS\n  assert.equal(mean([5]), 5);\n  // END HIDDEN TESTS\n})`, { grade: true, solution: false, locked: true, points: 2, grade_id: "q10-tests" }),
  );
  return { nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: "transformers-lab", display_name: "TypeScript (Transformers Lab)", language: "typescript" }, tlab: { assignment: "bench" } }, cells };
}

/** Student `n` gets about two thirds of the questions right. */
function submission(student: Notebook, n: number): Notebook {
  const nb = JSON.parse(JSON.stringify(student)) as Notebook;
  for (const c of nb.cells) {
    const id = c.metadata.nbgrader?.grade_id;
    if (!id || !c.metadata.nbgrader?.solution) continue;
    const q = Number(id.slice(1));
    const right = (n + q) % 3 !== 0;
    if (q <= 4) c.source = `quiz.answer("${id}", ${right ? (q % 4) + 1 : ((q + 1) % 4) + 1})`;
    else if (q <= 6) c.source = `quiz.answer("${id}", ${right ? "[1, 3]" : "[2]"})`;
    else if (q <= 8) c.source = `quiz.answer("${id}", ${right ? q / 10 : q / 10 + 0.5})`;
    else if (q === 9) c.source = `quiz.answer("${id}", ${right ? '"Logits"' : '"softmax"'})`;
    else c.source = `function mean(xs: number[]): number {\n  return ${right ? "xs.reduce((a, b) => a + b, 0) / xs.length" : "xs[0]"};\n}`;
  }
  return nb;
}

export async function main(): Promise<void> {
  const count = Number(process.env.GRADING_BENCH_N ?? 100);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tlab-grading-bench-"));
  try {
    const source = path.join(dir, "bench.ipynb");
    writeNotebook(source, assignment());
    const student = releaseNotebook(assignment(), { mode: "graded" });
    const subs = path.join(dir, "submissions");
    fs.mkdirSync(subs);
    const files: string[] = [];
    for (let n = 0; n < count; n++) {
      const file = path.join(subs, `student${String(n).padStart(3, "0")}.ipynb`);
      writeNotebook(file, submission(student, n));
      files.push(file);
    }

    const workers = defaultWorkers();
    const grade = async (outName: string, isolation: Parameters<typeof autograde>[2]["isolation"]) => {
      const started = Date.now();
      const result = await autograde(source, [subs], { outDir: path.join(dir, outName), workers, timeoutSeconds: 60, isolation });
      const failed = result.grades.filter((g) => g.error).length;
      if (failed) throw new Error(`${failed} submissions failed to grade: ${result.grades.find((g) => g.error)!.error}`);
      return (Date.now() - started) / 1000;
    };
    const ours = await grade("out", { kind: "sandbox", tools: detectSandbox() });
    const unsandboxed = await grade("out-unsafe", { kind: "none" });

    const kernelDir = path.join(dir, "jupyter", "kernels", "transformers-lab");
    fs.mkdirSync(kernelDir, { recursive: true });
    fs.writeFileSync(path.join(kernelDir, "kernel.json"), JSON.stringify({
      argv: defaultKernelLaunch().command("{connection_file}"), display_name: "TypeScript (Transformers Lab)", language: "typescript", interrupt_mode: "message",
    }));
    const t = Date.now();
    const r = spawnSync(PYTHON, ["-m", "nbconvert", "--to", "notebook", "--execute", "--allow-errors", "--output-dir", path.join(dir, "nbclient"), ...files], {
      encoding: "utf8", env: { ...process.env, JUPYTER_PATH: path.join(dir, "jupyter") }, maxBuffer: 64 * 1024 * 1024,
    });
    const theirs = (Date.now() - t) / 1000;
    if (r.status !== 0) throw new Error(`nbconvert failed: ${r.stderr.slice(-2000)}`);

    const perMinute = (s: number) => (count / s) * 60;
    console.log(`autograde ${count} submissions × 10 questions, sandboxed: ours ${perMinute(ours).toFixed(1)}/min (${workers} workers, ${ours.toFixed(1)} s) | ` +
      `nbclient sequential ${perMinute(theirs).toFixed(1)}/min (execute only, ${theirs.toFixed(1)} s) | ratio ${(theirs / ours).toFixed(2)}×`);
    if (process.env.GRADING_BENCH_SERVERS !== "0") {
      const servers = [await startNotebookServer("bench-grading-a"), await startNotebookServer("bench-grading-b")];
      try {
        for (const n of [1, 2]) {
          const started = Date.now();
          const result = await autograde(source, [subs], { outDir: path.join(dir, `out-servers-${n}`), workers: 2 * n, timeoutSeconds: 60, servers: servers.slice(0, n).map((s) => ({ url: s.url, token: s.token })) });
          const failed = result.grades.filter((g) => g.error).length;
          if (failed) throw new Error(`${failed} submissions failed on ${n} servers: ${result.grades.find((g) => g.error)!.error}`);
          const seconds = (Date.now() - started) / 1000;
          console.log(`autograde on ${n} local Jupyter Server${n > 1 ? "s" : ""}: ours ${perMinute(seconds).toFixed(1)}/min (${2 * n} workers) | local sandboxed grader ${perMinute(ours).toFixed(1)}/min | ratio ${(perMinute(seconds) / perMinute(ours)).toFixed(2)}×`);
        }
      } finally {
        for (const s of servers) await s.stop();
      }
    }
    console.log(`autograde sandbox cost: sandboxed ${perMinute(ours).toFixed(1)}/min | unsandboxed ${perMinute(unsandboxed).toFixed(1)}/min | ratio ${(perMinute(ours) / perMinute(unsandboxed)).toFixed(2)}×`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
