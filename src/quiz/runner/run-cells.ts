/**
 * Runs a sequence of code cells in one kernel with a per-cell time limit. A cell that will not
 * stop when interrupted gets its kernel killed; a new kernel is then started, the setup code and
 * the earlier cells that succeeded are run again (their outputs discarded), and execution goes on
 * with the next cell, so one endless cell costs only itself.
 */
import { NotebookOutput } from "../notebook";
import { ExecuteResult, Kernel, KernelLaunch } from "./kernel";

export interface CellRunResult {
  status: ExecuteResult["status"];
  outputs: NotebookOutput[];
  executionCount: number | null;
  error?: { ename: string; evalue: string };
  durationMs: number;
}

export interface RunCellsOptions {
  /** Seconds × 1000 each cell may run. */
  timeoutMs?: number;
  /** Code run silently in every kernel before the cells (and again after a restart). */
  setup?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  launch?: KernelLaunch;
  /** Stop at the first error (like "Run All" with stop_on_error); later cells get status "aborted". */
  stopOnError?: boolean;
}

async function startWithSetup(options: RunCellsOptions): Promise<Kernel> {
  const kernel = await Kernel.start({ launch: options.launch, cwd: options.cwd, env: options.env });
  for (const code of options.setup ?? []) {
    const r = await kernel.execute(code, { silent: true, storeHistory: false, timeoutMs: 60_000 });
    if (r.status !== "ok") {
      kernel.kill();
      throw new Error(`Setup code failed in the kernel: ${r.error ? `${r.error.ename}: ${r.error.evalue}` : r.status}`);
    }
  }
  return kernel;
}

export async function runCells(cells: string[], options: RunCellsOptions = {}): Promise<CellRunResult[]> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const results: CellRunResult[] = [];
  let kernel = await startWithSetup(options);
  try {
    for (let i = 0; i < cells.length; i++) {
      if (options.stopOnError && results.some((r) => r.status !== "ok")) {
        results.push({ status: "aborted", outputs: [], executionCount: null, durationMs: 0 });
        continue;
      }
      const started = Date.now();
      const r = await kernel.execute(cells[i], { timeoutMs });
      results.push({ status: r.status, outputs: r.outputs, executionCount: r.executionCount, error: r.error, durationMs: Date.now() - started });
      if (r.killed || !kernel.alive) {
        kernel.kill();
        kernel = await startWithSetup(options);
        for (let j = 0; j < i; j++) {
          if (results[j].status === "ok") await kernel.execute(cells[j], { timeoutMs, storeHistory: false });
        }
      }
    }
  } finally {
    // Nothing of the kernel's state is needed any more: stopping it at once saves the second a
    // polite shutdown can take.
    kernel.kill();
  }
  return results;
}
