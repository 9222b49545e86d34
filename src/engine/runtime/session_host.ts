import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { ExecutionError } from "../errors";
import type { Reply, Request, SessionOptionsWire, WireTensor } from "./wire";

/**
 * The main-thread side of the session worker. One worker per process runs every session, one
 * request at a time (onnxruntime already uses both cores inside a run). Requests are queued, so a
 * caller that moves buffers into the worker gets them back before the next request starts.
 */
export class SessionHost {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private queue: Promise<unknown> = Promise.resolve();
  private refs = 0;

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const ext = path.extname(__filename);
    // From TypeScript sources (tsx, during development) the worker needs tsx's loader too.
    const file = path.join(__dirname, `session_worker${ext}`);
    const w =
      ext === ".ts"
        ? new Worker(`require("tsx/cjs/api").register(); require(${JSON.stringify(file)});`, { eval: true })
        : new Worker(file);
    w.on("message", (reply: Reply) => {
      const p = this.pending.get(reply.reqId);
      if (!p) return;
      this.pending.delete(reply.reqId);
      p.resolve(reply);
    });
    w.on("error", (e) => this.failAll(e));
    w.on("exit", (code) => {
      this.worker = null;
      this.failAll(new ExecutionError(`The engine's worker thread stopped (exit code ${code}).`));
    });
    // Idle workers must not keep Node alive.
    w.unref();
    this.worker = w;
    return w;
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  private send(msg: Omit<Request, "reqId">, transfer: ArrayBuffer[] = []): Promise<Reply> {
    const w = this.ensureWorker();
    const reqId = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(reqId, { resolve, reject });
      if (this.pending.size === 1) w.ref();
      w.postMessage({ ...msg, reqId }, transfer);
    }).finally(() => {
      if (this.pending.size === 0) this.worker?.unref();
    });
  }

  /** Runs `task` after every earlier queued task has finished. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Creates a session from ONNX bytes; with `give`, the bytes move to the worker instead of being copied. */
  async create(bytes: Uint8Array, options: SessionOptionsWire, give = false): Promise<{ sessionId: number; inputNames: string[] }> {
    const sessionId = this.nextId++;
    this.refs++;
    const transfer = give ? [bytes.buffer as ArrayBuffer] : [];
    const reply = await this.send({ type: "create", sessionId, bytes, options } as Omit<Request, "reqId">, transfer);
    if (reply.type === "error") throw new ExecutionError(reply.message);
    return { sessionId, inputNames: reply.inputNames ?? [] };
  }

  /** Runs a session. Feeds marked `moved` are transferred to the worker and come back in `returned`. */
  async run(sessionId: number, feeds: WireTensor[], outputs: string[]): Promise<{ outputs: WireTensor[]; returned: WireTensor[]; error?: string }> {
    const transfer = feeds.filter((f) => f.moved || f.given).map((f) => f.data.buffer as ArrayBuffer);
    const reply = await this.send({ type: "run", sessionId, feeds, outputs } as Omit<Request, "reqId">, transfer);
    if (reply.type === "error") return { outputs: [], returned: reply.returned ?? [], error: reply.message };
    return { outputs: reply.outputs ?? [], returned: reply.returned ?? [] };
  }

  async release(sessionId: number): Promise<void> {
    if (!this.worker) return;
    await this.send({ type: "release", sessionId } as Omit<Request, "reqId">);
    this.refs--;
  }
}

/** The process-wide host. */
export const sessionHost = new SessionHost();
