/**
 * A progress bar that redraws one output in place (like tqdm in a notebook).
 * In a kernel it is an HTML bar updated through `update_display`; in a terminal it rewrites one
 * line; when stdout is a file or pipe it prints one line when it closes.
 */
import { display, update_display, newDisplayId } from "./display";
import { kernelBridge } from "./kernel-bridge";
import { escapeHtml, type MimeBundle } from "./mimebundle";

export interface ProgressBarOptions {
  /** Number of steps expected; leave out for an open-ended counter. */
  total?: number;
  /** Label shown before the bar. */
  desc?: string;
  /** Unit name shown in the rate (default "it"). */
  unit?: string;
  /** Minimum milliseconds between redraws (default 100). */
  mininterval?: number;
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s % 60)}` : `${two(m)}:${two(s % 60)}`;
}

function formatValue(value: unknown): string {
  if (typeof value === "number" && !Number.isInteger(value)) return value.toPrecision(4);
  return String(value);
}

export class ProgressBar {
  total: number | undefined;
  n = 0;
  desc: string;
  readonly unit: string;
  private readonly mininterval: number;
  private readonly startTime = Date.now();
  private lastDraw = 0;
  private postfix: Record<string, unknown> = {};
  private displayId: string | undefined;
  private closed = false;

  constructor(options: ProgressBarOptions = {}) {
    this.total = options.total;
    this.desc = options.desc ?? "";
    this.unit = options.unit ?? "it";
    this.mininterval = options.mininterval ?? 100;
    this.draw(true);
  }

  /** Wraps an iterable, advancing the bar once per item and closing it at the end. */
  static *wrap<T>(items: Iterable<T>, options: ProgressBarOptions = {}): Generator<T> {
    const total = options.total ?? (Array.isArray(items) ? items.length : undefined);
    const bar = new ProgressBar({ ...options, total });
    try {
      for (const item of items) {
        yield item;
        bar.update(1);
      }
    } finally {
      bar.close();
    }
  }

  /** Advances by `n` steps (default 1). */
  update(n = 1): void {
    this.n += n;
    this.draw(false);
  }

  /** Changes the label. */
  set_description(desc: string): void {
    this.desc = desc;
    this.draw(false);
  }

  /** Shows `key=value` pairs after the bar, e.g. `{ loss: 0.42 }`. */
  set_postfix(values: Record<string, unknown>): void {
    this.postfix = { ...values };
    this.draw(false);
  }

  /** Draws the final state. Further updates are ignored. */
  close(): void {
    if (this.closed) return;
    this.draw(true);
    this.closed = true;
    if (!kernelBridge() && process.stdout.isTTY) process.stdout.write("\n");
    else if (!kernelBridge()) process.stdout.write(this.toString() + "\n");
  }

  /** Seconds since the bar was created. */
  get elapsed(): number {
    return (Date.now() - this.startTime) / 1000;
  }

  toString(): string {
    const elapsed = this.elapsed;
    const rate = elapsed > 0 ? this.n / elapsed : 0;
    const rateText = rate > 0 ? `${rate.toFixed(2)}${this.unit}/s` : `?${this.unit}/s`;
    const post = Object.entries(this.postfix).map(([k, v]) => `${k}=${formatValue(v)}`).join(", ");
    const tail = post ? `, ${post}` : "";
    const label = this.desc ? `${this.desc}: ` : "";
    if (this.total === undefined || this.total <= 0) {
      return `${label}${this.n}${this.unit} [${formatDuration(elapsed)}, ${rateText}${tail}]`;
    }
    const frac = Math.min(1, this.n / this.total);
    const width = 20;
    const filled = Math.floor(frac * width);
    const bar = "█".repeat(filled) + " ".repeat(width - filled);
    const remaining = rate > 0 ? (this.total - this.n) / rate : Infinity;
    return `${label}${String(Math.floor(frac * 100)).padStart(3)}%|${bar}| ${this.n}/${this.total} ` +
      `[${formatDuration(elapsed)}<${formatDuration(remaining)}, ${rateText}${tail}]`;
  }

  _repr_mimebundle_(): MimeBundle {
    const text = this.toString();
    const max = this.total && this.total > 0 ? this.total : Math.max(this.n, 1);
    const value = this.total && this.total > 0 ? Math.min(this.n, this.total) : undefined;
    const progress = value === undefined ? `<progress max="${max}"></progress>` : `<progress value="${value}" max="${max}"></progress>`;
    const html = `<div class="tlab-progress" style="display:flex;align-items:center;gap:0.6em;font-family:monospace">` +
      (this.desc ? `<span>${escapeHtml(this.desc)}</span>` : "") +
      `${progress}<span>${escapeHtml(text.slice(this.desc ? this.desc.length + 2 : 0))}</span></div>`;
    return { "text/plain": text, "text/html": html };
  }

  private draw(force: boolean): void {
    if (this.closed) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < this.mininterval) return;
    this.lastDraw = now;
    if (kernelBridge()) {
      if (this.displayId === undefined) {
        this.displayId = newDisplayId();
        display(this, { display_id: this.displayId });
      } else {
        update_display(this, { display_id: this.displayId });
      }
    } else if (process.stdout.isTTY) {
      process.stdout.write("\r" + this.toString());
    }
  }
}
