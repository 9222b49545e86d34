// Shared helpers for the lesson suites: register the kernel in a scratch prefix, execute a
// notebook with nbclient, and read quiz feedback out of executed notebooks.
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PYTHON, systemComponent } from "../helpers/system";
import { repoRoot, scratchDir } from "../helpers/paths";

export const TLAB = path.join(repoRoot, "bin", "tlab.js");

export const jupyter = systemComponent(
  "Jupyter's nbconvert/nbclient",
  [PYTHON, "-c", "import nbclient, nbconvert"],
  "apt-get install python3-nbconvert python3-nbclient jupyter-client",
);

let installedPrefix: string | null = null;

/** Installs the kernelspec with `tlab install --prefix` once per process; returns the env to use. */
export function kernelEnv(): NodeJS.ProcessEnv {
  if (!installedPrefix) {
    const prefix = scratchDir("lessons-kernel-prefix");
    const r = spawnSync(process.execPath, [TLAB, "install", "--prefix", prefix], { encoding: "utf8" });
    assertOk(r, "tlab install --prefix");
    installedPrefix = prefix;
  }
  return {
    ...process.env,
    JUPYTER_PATH: path.join(installedPrefix, "share", "jupyter"),
    HF_HUB_OFFLINE: "1",
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
}

function assertOk(r: { status: number | null; stdout: string; stderr: string }, what: string): void {
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

/** Runs a command without blocking the event loop. */
export function run(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const start = Date.now();
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env ?? process.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = options.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), options.timeoutMs) : null;
    child.on("close", (status) => {
      if (timer) clearTimeout(timer);
      resolve({ status, stdout, stderr, seconds: (Date.now() - start) / 1000 });
    });
  });
}

export interface NotebookJson {
  cells: { cell_type: string; id?: string; metadata: Record<string, any>; source: string[] | string; outputs?: any[] }[];
  metadata: Record<string, any>;
}

export function readNotebook(file: string): NotebookJson {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

export function cellText(cell: { source: string[] | string }): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** Executes `notebook` (copied into `workDir`, where the lesson writes its files) with nbclient. */
export async function executeNotebook(notebook: string, workDir: string, env: NodeJS.ProcessEnv): Promise<{ output: string; result: RunResult }> {
  const copy = path.join(workDir, path.basename(notebook));
  fs.copyFileSync(notebook, copy);
  const output = path.join(workDir, path.basename(notebook, ".ipynb") + ".executed.ipynb");
  const result = await run(
    PYTHON,
    [
      "-m", "nbconvert", "--to", "notebook", "--execute",
      "--ExecutePreprocessor.kernel_name=transformers-lab",
      "--ExecutePreprocessor.timeout=120",
      "--output", path.basename(output), copy,
    ],
    { cwd: workDir, env, timeoutMs: 10 * 60 * 1000 },
  );
  return { output, result };
}

/** Every error output in an executed notebook, as "cell id: ename: evalue". */
export function errorOutputs(nb: NotebookJson): string[] {
  return nb.cells.flatMap((cell) =>
    (cell.outputs ?? []).filter((o) => o.output_type === "error").map((o) => `${cell.id}: ${o.ename}: ${o.evalue}`),
  );
}

/** The quiz feedback records (`application/vnd.tlab.quiz+json`) of every output of a cell. */
export function quizFeedback(cell: { outputs?: any[] }): { question: string; status: string }[] {
  return (cell.outputs ?? []).flatMap((o) => {
    const record = o.data?.["application/vnd.tlab.quiz+json"];
    return record ? [record] : [];
  });
}
