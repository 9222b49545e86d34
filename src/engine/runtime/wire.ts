import type { DType } from "../../tensor";

/** A tensor as it crosses between threads: plain fields and a typed array over a plain ArrayBuffer. */
export interface WireTensor {
  name: string;
  dtype: DType;
  dims: number[];
  data: Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array;
  /** Whether the buffer was transferred (moved) rather than copied, so it must come back. */
  moved?: boolean;
  /** Transferred and not wanted back (fresh data such as dropout masks). */
  given?: boolean;
}

export interface SessionOptionsWire {
  intraOpNumThreads?: number;
}

export type Request =
  | { type: "create"; reqId: number; sessionId: number; bytes: Uint8Array; options: SessionOptionsWire }
  | { type: "run"; reqId: number; sessionId: number; feeds: WireTensor[]; outputs: string[] }
  | { type: "release"; reqId: number; sessionId: number };

export type Reply =
  | { type: "ok"; reqId: number; outputs?: WireTensor[]; returned?: WireTensor[]; inputNames?: string[] }
  | { type: "error"; reqId: number; message: string; returned?: WireTensor[] };
