/** Runs every code cell of a notebook in a fresh kernel and stores the outputs, as nbclient does. */
import { Notebook, cellSource, cloneNotebook } from "../notebook";
import { KernelLaunch } from "./kernel";
import { CellRunResult, runCells } from "./run-cells";

export interface ExecuteNotebookOptions {
  timeoutMs?: number;
  cwd?: string;
  launch?: KernelLaunch;
  stopOnError?: boolean;
}

export async function executeNotebook(nb: Notebook, options: ExecuteNotebookOptions = {}): Promise<{ notebook: Notebook; results: CellRunResult[] }> {
  const out = cloneNotebook(nb);
  const codeCells = out.cells.filter((c) => c.cell_type === "code");
  const results = await runCells(codeCells.map(cellSource), options);
  codeCells.forEach((cell, i) => {
    cell.outputs = results[i].outputs;
    cell.execution_count = results[i].executionCount;
  });
  return { notebook: out, results };
}
