/**
 * `display(obj)` shows any value in the running cell's output, like IPython's `display`.
 * With a `display_id`, the output can later be replaced in place with `update_display`, which is
 * how progress bars and live charts redraw one output instead of appending new ones.
 */
import { randomBytes } from "node:crypto";
import { kernelBridge } from "./kernel-bridge";
import { toMimeBundle } from "./mimebundle";

export interface DisplayOptions {
  /** A name for this output so `update_display` can replace it; `true` picks a fresh one. */
  display_id?: string | true;
  /** Per-MIME-type metadata sent with the bundle (e.g. `{ "image/png": { width: 200 } }`). */
  metadata?: Record<string, unknown>;
}

/** A shown output that can be updated in place; returned by `display(obj, { display_id })`. */
export class DisplayHandle {
  constructor(readonly display_id: string) {}

  /** Replaces the output with `obj`. */
  update(obj: unknown, options: { metadata?: Record<string, unknown> } = {}): void {
    update_display(obj, { display_id: this.display_id, metadata: options.metadata });
  }

  /** Shows `obj` as a new output carrying this handle's id (later updates change both). */
  display(obj: unknown): void {
    display(obj, { display_id: this.display_id });
  }

  toString(): string {
    return `DisplayHandle(display_id=${JSON.stringify(this.display_id)})`;
  }
}

/** A fresh, unique display id. */
export function newDisplayId(): string {
  return randomBytes(8).toString("hex");
}

function emit(obj: unknown, displayId: string | undefined, metadata: Record<string, unknown> | undefined, update: boolean): void {
  const data = toMimeBundle(obj);
  const bridge = kernelBridge();
  if (bridge) {
    bridge.publishDisplay({ data, metadata: metadata ?? {}, transient: displayId ? { display_id: displayId } : {} }, update);
  } else {
    // A plain Node program: print what a terminal can show.
    process.stdout.write(String(data["text/plain"]) + "\n");
  }
}

/**
 * Shows `obj` in the cell's output (outside a kernel: prints its text form).
 * Returns a `DisplayHandle` when a `display_id` was given.
 */
export function display(obj: unknown, options?: DisplayOptions & { display_id: string | true }): DisplayHandle;
export function display(obj: unknown, options?: DisplayOptions): DisplayHandle | undefined;
export function display(obj: unknown, options: DisplayOptions = {}): DisplayHandle | undefined {
  const id = options.display_id === true ? newDisplayId() : options.display_id;
  emit(obj, id, options.metadata, false);
  return id ? new DisplayHandle(id) : undefined;
}

/** Replaces every output shown with `display_id` by `obj`. */
export function update_display(obj: unknown, options: { display_id: string; metadata?: Record<string, unknown> }): void {
  if (!options || !options.display_id) {
    throw new TypeError("update_display needs the display_id of an earlier display: update_display(obj, { display_id })");
  }
  emit(obj, options.display_id, options.metadata, true);
}

/** Clears the running cell's output; with `wait`, only once new output arrives (avoids flicker). */
export function clear_output(options: { wait?: boolean } = {}): void {
  const bridge = kernelBridge();
  if (bridge) bridge.clearOutput(options.wait ?? false);
}
