/**
 * Turning what went wrong in a cell into Jupyter `error` content (ename, evalue, traceback):
 * TypeScript diagnostics point at the cell's line and column with the line quoted; runtime
 * errors keep their own name and message and only the stack frames that belong to the user.
 */
import { KeyboardInterrupt } from "../src/utils/cancellation";

export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

export interface CellDiagnostic {
  file?: string;
  line: number; // 1-based
  column: number; // 1-based
  message: string;
}

const RED = "\u001b[0;31m";
const RESET = "\u001b[0m";

/** Frames from the kernel's machinery, Node internals and tslab say nothing about the user's code. */
function isInternalFrame(frame: string): boolean {
  return /node:internal|node_modules[\\/]tslab[\\/]|[\\/]dist[\\/]kernel[\\/]|\(node:|^\s*at new Promise \(<anonymous>\)/.test(frame);
}

export function diagnosticsError(diagnostics: CellDiagnostic[], code: string): ErrorContent {
  const lines = code.split("\n");
  const traceback: string[] = [];
  for (const d of diagnostics) {
    const where = d.file ? `${d.file}:${d.line}:${d.column}` : `cell line ${d.line}, column ${d.column}`;
    traceback.push(`${RED}TypeScript error${RESET} at ${where}: ${d.message}`);
    if (!d.file && lines[d.line - 1] !== undefined) {
      traceback.push(`  ${d.line} | ${lines[d.line - 1]}`);
      traceback.push(`  ${" ".repeat(String(d.line).length)} | ${" ".repeat(Math.max(0, d.column - 1))}^`);
    }
  }
  const first = diagnostics[0];
  const evalue = first ? `${first.file ? first.file + ":" : ""}${first.line}:${first.column} - ${first.message}` : "compile error";
  return { ename: "TSError", evalue, traceback };
}

export function runtimeError(error: unknown): ErrorContent {
  if (error instanceof KeyboardInterrupt || (error instanceof Error && error.name === "KeyboardInterrupt")) {
    return { ename: "KeyboardInterrupt", evalue: (error as Error).message, traceback: [`${RED}KeyboardInterrupt${RESET}: ${(error as Error).message}`] };
  }
  if (error instanceof Error) {
    const ename = error.name || error.constructor?.name || "Error";
    const evalue = error.message;
    const frames = (error.stack ?? "").split("\n").slice(1).filter((f) => /^\s*at /.test(f) && !isInternalFrame(f))
      .map((f) => f.replace(/evalmachine\.<anonymous>/g, "<cell>"));
    return { ename, evalue, traceback: [`${RED}${ename}${RESET}: ${evalue}`, ...frames] };
  }
  const evalue = typeof error === "string" ? error : String(error);
  return { ename: "Error", evalue, traceback: [`${RED}Uncaught${RESET} ${evalue}`] };
}
