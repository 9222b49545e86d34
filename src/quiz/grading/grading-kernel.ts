/**
 * What grading needs of a kernel, wherever it runs: a local sandboxed process (runner/kernel.ts)
 * or a kernel of a remote Jupyter Server (remote-kernel.ts).
 */
import { ExecuteOptions, ExecuteResult } from "../runner/kernel";

export interface GradingKernel {
  /** False once the kernel died, was killed or lost its state. */
  readonly alive: boolean;
  /** Runs code; past `timeoutMs` the cell is interrupted, and the kernel killed if it will not stop. */
  execute(code: string, options?: ExecuteOptions): Promise<ExecuteResult>;
  kill(): void;
}
