/**
 * State shared between the main thread (which runs cells) and the I/O thread (which owns the
 * iopub, control and heartbeat sockets), in one SharedArrayBuffer so the I/O thread can read and
 * write it while the main thread is stuck in a synchronous loop.
 */
export const SLOT = {
  /** The cancellation flag `throwIfInterrupted()` reads (see src/utils/cancellation.ts). */
  interrupt: 0,
  /** 0 idle, 1 running user code, 2 type-checking (never terminated: the compiler must not be cut). */
  phase: 1,
  /** Incremented every few ms by the main thread while its event loop turns. */
  heartbeat: 2,
  /** Incremented for each execution, so a late interrupt cannot hit the next cell. */
  execution: 3,
} as const;

export const PHASE = { idle: 0, running: 1, compiling: 2 } as const;

export function createSharedState(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * 4));
}

export interface ConnectionInfo {
  transport: string;
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: string;
  kernel_name?: string;
}

/** Messages the main thread sends to the I/O thread. */
export type ToIoThread =
  | { kind: "send"; socket: "iopub"; frames: Array<string | Buffer> }
  | { kind: "kernel-info"; content: Record<string, unknown> }
  | { kind: "stop" };

/** Messages the I/O thread sends to the main thread. */
export type FromIoThread =
  | { kind: "ready" }
  | { kind: "interrupt"; execution: number }
  | { kind: "terminated"; execution: number }
  | { kind: "shutdown"; restart: boolean }
  | { kind: "log"; text: string };
