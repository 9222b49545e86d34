/**
 * A cell's outputs in nbformat's shape, built from the iopub messages of its request: streams
 * merged, displays updated in place by display_id, clear_output honoured, and the total kept
 * bounded so a cell that floods its output cannot exhaust the grader's memory. Used for local
 * kernels (ZMQ) and for kernels of a remote Jupyter Server alike.
 */
import { NotebookOutput } from "../notebook";

export const MAX_OUTPUT_CHARS = 4 * 1024 * 1024;

export class OutputCollector {
  readonly outputs: NotebookOutput[] = [];
  private readonly displays = new Map<string, NotebookOutput[]>();
  private clearOnNext = false;
  private chars = 0;

  /** Takes one iopub message; returns true for the request's "idle" status. */
  add(msgType: string, content: Record<string, any>): boolean {
    const c = content;
    if (msgType === "status") return c.execution_state === "idle";
    const size = JSON.stringify(c).length;
    this.chars += size;
    if (this.chars > MAX_OUTPUT_CHARS) {
      if (this.chars - size <= MAX_OUTPUT_CHARS) this.outputs.push({ output_type: "stream", name: "stderr", text: `[output beyond ${MAX_OUTPUT_CHARS / 1024 / 1024} MiB dropped]\n` });
      return false;
    }
    const push = (out: NotebookOutput) => {
      if (this.clearOnNext) { this.outputs.length = 0; this.clearOnNext = false; }
      this.outputs.push(out);
      const id = c.transient?.display_id;
      if (id) this.displays.set(id, [...(this.displays.get(id) ?? []), out]);
    };
    switch (msgType) {
      case "stream": {
        const last = this.outputs[this.outputs.length - 1];
        if (!this.clearOnNext && last && last.output_type === "stream" && last.name === c.name) last.text = String(last.text) + c.text;
        else push({ output_type: "stream", name: c.name, text: c.text });
        break;
      }
      case "display_data":
        push({ output_type: "display_data", data: c.data ?? {}, metadata: c.metadata ?? {} });
        break;
      case "execute_result":
        push({ output_type: "execute_result", data: c.data ?? {}, metadata: c.metadata ?? {}, execution_count: c.execution_count ?? null });
        break;
      case "error":
        push({ output_type: "error", ename: c.ename, evalue: c.evalue, traceback: c.traceback ?? [] });
        break;
      case "update_display_data":
        for (const out of this.displays.get(c.transient?.display_id) ?? []) { out.data = c.data; out.metadata = c.metadata ?? {}; }
        break;
      case "clear_output":
        if (c.wait) this.clearOnNext = true; else this.outputs.length = 0;
        break;
    }
    return false;
  }
}
