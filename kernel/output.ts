/**
 * stdout/stderr of the kernel process become `stream` messages on iopub. Writes are coalesced
 * (at most one message per stream every FLUSH_MS, or sooner past MAX_CHUNK characters) so a cell
 * printing a million lines sends a few hundred messages instead of a million, and flushed before
 * any other output so the order on screen is the order of the code.
 */
import { kernelTimers } from "./cell-scope";

const FLUSH_MS = 50;
const MAX_CHUNK = 64 * 1024;

export type StreamName = "stdout" | "stderr";

export class StreamBuffer {
  private pending: Array<[StreamName, string]> = [];
  private size = 0;
  private lastFlush = Date.now();
  private scheduled = false;

  constructor(private readonly emit: (name: StreamName, text: string) => void) {}

  write(name: StreamName, text: string): void {
    if (text.length === 0) return;
    const last = this.pending[this.pending.length - 1];
    if (last && last[0] === name) last[1] += text;
    else this.pending.push([name, text]);
    this.size += text.length;
    // A busy synchronous loop never lets a timer fire, so check the clock on every write too.
    if (this.size >= MAX_CHUNK || Date.now() - this.lastFlush >= FLUSH_MS) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      kernelTimers.setTimeout(() => this.flush(), FLUSH_MS).unref();
    }
  }

  flush(): void {
    this.scheduled = false;
    this.lastFlush = Date.now();
    if (this.pending.length === 0) return;
    const chunks = this.pending;
    this.pending = [];
    this.size = 0;
    for (const [name, text] of chunks) this.emit(name, text);
  }
}
