/**
 * `tlab validate NOTEBOOK [--timeout S]`: runs a notebook as the student has it, in a fresh kernel,
 * and reports errors, the quiz feedback and the visible tests, plus locked cells that were edited
 * (they are restored at grading, so edits there do not count).
 */
import * as path from "node:path";
import { parseArgs } from "node:util";
import { QUIZ_MIME } from "../src/quiz/feedback";
import { computeChecksum, isLocked } from "../src/quiz/nbgrader";
import { NotebookFormatError, readNotebook } from "../src/quiz/notebook";
import { executeNotebook } from "../src/quiz/runner/execute-notebook";
import { exitWithKernelsOnSignals } from "../src/quiz/runner/kernel";

const USAGE = `Usage: tlab validate NOTEBOOK [--timeout SECONDS]

Runs every cell in a fresh kernel and reports errors, quiz feedback and visible test results.`;

export async function main(argv: string[]): Promise<number> {
  exitWithKernelsOnSignals();
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: { timeout: { type: "string" }, help: { type: "boolean", short: "h" } } });
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.values.help) { console.log(USAGE); return 0; }
  if (args.positionals.length !== 1) { console.error(USAGE); return 2; }
  const file = args.positionals[0];
  let nb;
  try {
    nb = readNotebook(file);
  } catch (e) {
    if (e instanceof NotebookFormatError) { console.error(e.message); return 1; }
    throw e;
  }
  const problems: string[] = [];
  nb.cells.forEach((cell, i) => {
    const m = cell.metadata.nbgrader;
    if (m?.checksum && isLocked(cell) && computeChecksum(cell) !== m.checksum) {
      problems.push(`cell ${i + 1} (${m.grade_id}) is read-only and was changed: grading uses the original.`);
    }
  });
  const timeoutMs = Number(args.values.timeout ?? 60) * 1000;
  const { notebook, results } = await executeNotebook(nb, { timeoutMs, cwd: path.dirname(path.resolve(file)) });
  const lines: string[] = [];
  const codeCells = notebook.cells.filter((c) => c.cell_type === "code");
  codeCells.forEach((cell, i) => {
    const r = results[i];
    const where = cell.metadata.nbgrader?.grade_id ?? `code cell ${i + 1}`;
    for (const out of cell.outputs ?? []) {
      const record = (out.data as Record<string, unknown> | undefined)?.[QUIZ_MIME] as { question: string; status: string } | undefined;
      if (record) lines.push(`  ${record.question}: ${String((out.data as Record<string, unknown>)["text/plain"]).split("\n")[0].replace(/^\S+ [^:]+: /, "")}`);
    }
    if (r.status === "timeout") problems.push(`${where}: still running after ${timeoutMs / 1000} s (stopped).`);
    else if (r.status === "error") problems.push(`${where}: ${r.error?.ename}: ${r.error?.evalue.split("\n")[0]}`);
  });
  console.log(`Validated ${file}`);
  if (lines.length) console.log(["Quiz:", ...lines].join("\n"));
  if (problems.length) {
    console.log(["Problems:", ...problems.map((p) => `  ${p}`)].join("\n"));
    return 1;
  }
  console.log("Every cell ran without errors.");
  return 0;
}
