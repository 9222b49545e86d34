/**
 * Plotly charts. A `Figure` shows itself as `application/vnd.plotly.v1+json` (drawn natively by
 * JupyterLab's plotly renderer and VS Code) plus a `text/html` fallback that draws with plotly.js
 * in classic Notebook, in JupyterLab without the extension, and in an exported HTML file offline.
 *
 * plotly.js is ~4.8 MB, so the fallback inlines it only in the first figure shown in a kernel
 * session; later figures wait for `window.Plotly`, which that first output defines for the page.
 * The figure that carried the library keeps carrying it on every redraw, so a saved notebook
 * always has it in the first chart.
 */
import * as fs from "node:fs";
import { randomBytes } from "node:crypto";
import { display } from "./display";
import type { MimeBundle } from "./mimebundle";

/** One plotly trace, e.g. `{ type: "scatter", x: [1, 2], y: [3, 4], name: "loss" }`. */
export interface PlotlyTrace {
  type?: string;
  x?: ArrayLike<unknown>;
  y?: ArrayLike<unknown>;
  name?: string;
  mode?: string;
  [key: string]: unknown;
}

export interface FigureInit {
  data?: PlotlyTrace[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

const PLOTLY_SOURCE_KEY = Symbol.for("transformers-lab.plotly-inlined");

function plotlySource(): string {
  const file = require.resolve("plotly.js-dist-min");
  return fs.readFileSync(file, "utf8");
}

/** Whether some figure in this process already carried the library into the page. */
function libraryAlreadyShipped(): boolean {
  return (globalThis as Record<symbol, unknown>)[PLOTLY_SOURCE_KEY] === true;
}

function markLibraryShipped(): void {
  (globalThis as Record<symbol, unknown>)[PLOTLY_SOURCE_KEY] = true;
}

/** JSON safe to place inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>, Number) : v))
    .replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/**
 * plotly.js 3+ wants `title: { text }`; Python's plotly (and older plotly.js) also take a plain
 * string. Accept both: strings become `{ text }` for the figure's title and its axes.
 */
function normalizeLayout(layout: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...layout };
  if (typeof out.title === "string") out.title = { text: out.title };
  for (const [key, value] of Object.entries(out)) {
    if (/^[xy]axis\d*$/.test(key) && value && typeof value === "object" && typeof (value as { title?: unknown }).title === "string") {
      out[key] = { ...(value as object), title: { text: (value as { title: string }).title } };
    }
  }
  return out;
}

/** The library wrapped so it defines `window.Plotly` even where require.js or CommonJS globals exist. */
function libraryScript(): string {
  return `<script type="text/javascript">if (!window.Plotly) { (function (module, exports, define) {\n${plotlySource()}\n})(undefined, undefined, undefined); }</script>`;
}

export class Figure {
  data: PlotlyTrace[];
  layout: Record<string, unknown>;
  config: Record<string, unknown>;
  private carriesLibrary = false;

  constructor(init: FigureInit = {}) {
    this.data = [...(init.data ?? [])];
    this.layout = { ...(init.layout ?? {}) };
    this.config = { responsive: true, ...(init.config ?? {}) };
  }

  /** Adds a trace; returns the figure so calls chain. */
  add_trace(trace: PlotlyTrace): this {
    this.data.push(trace);
    return this;
  }

  /** Merges layout keys (title, xaxis, yaxis, height, …); returns the figure. */
  update_layout(layout: Record<string, unknown>): this {
    Object.assign(this.layout, layout);
    return this;
  }

  /** Shows the figure in the cell's output. */
  show(): void {
    display(this);
  }

  /** The plotly JSON: `{ data, layout, config }`. */
  to_dict(): { data: PlotlyTrace[]; layout: Record<string, unknown>; config: Record<string, unknown> } {
    return JSON.parse(scriptJson({ data: this.data, layout: normalizeLayout(this.layout), config: this.config }));
  }

  /**
   * HTML that draws the figure. `include_plotlyjs: true` inlines plotly.js (for a standalone
   * file that works offline); `full_html` wraps it in a complete page.
   */
  to_html(options: { include_plotlyjs?: boolean; full_html?: boolean } = {}): string {
    const includeLib = options.include_plotlyjs ?? true;
    const fullHtml = options.full_html ?? true;
    const body = (includeLib ? libraryScript() : "") + this.drawingHtml();
    return fullHtml ? `<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>${body}</body></html>\n` : body;
  }

  /** Writes `to_html()` to a file (atomically). */
  write_html(file: string, options: { include_plotlyjs?: boolean } = {}): void {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, this.to_html({ include_plotlyjs: options.include_plotlyjs ?? true, full_html: true }));
    fs.renameSync(tmp, file);
  }

  toString(): string {
    const kinds = this.data.map((t) => t.type ?? "scatter").join(", ");
    const title = typeof this.layout.title === "string" ? this.layout.title : (this.layout.title as { text?: string } | undefined)?.text;
    return `Figure(${this.data.length} trace${this.data.length === 1 ? "" : "s"}: ${kinds}${title ? `; title: ${title}` : ""})`;
  }

  _repr_mimebundle_(): MimeBundle {
    if (!this.carriesLibrary && !libraryAlreadyShipped()) {
      this.carriesLibrary = true;
      markLibraryShipped();
    }
    const html = (this.carriesLibrary ? libraryScript() : "") + this.drawingHtml();
    return {
      "application/vnd.plotly.v1+json": this.to_dict(),
      "text/html": html,
      "text/plain": this.toString(),
    };
  }

  /** A div plus a script that draws into it once `window.Plotly` exists. */
  private drawingHtml(): string {
    const id = "tlab-plot-" + randomBytes(6).toString("hex");
    const height = typeof this.layout.height === "number" ? this.layout.height : 420;
    const spec = scriptJson(this.to_dict());
    return `<div id="${id}" class="tlab-plotly" style="width:100%;height:${height}px"></div>` +
      `<script type="text/javascript">(function () {
  var spec = ${spec};
  var el = document.getElementById("${id}");
  function draw() { window.Plotly.newPlot(el, spec.data, spec.layout, spec.config); }
  if (window.Plotly) { draw(); return; }
  var tries = 0;
  var timer = setInterval(function () {
    if (window.Plotly) { clearInterval(timer); draw(); }
    else if (++tries > 300) { clearInterval(timer); el.textContent = "plotly.js is not loaded on this page: re-run the first chart cell of the notebook."; }
  }, 100);
})();</script>`;
  }
}

/** A figure from traces and an optional layout: `plot([{ x, y, type: "scatter" }], { title: "loss" })`. */
export function plot(data: PlotlyTrace[] | PlotlyTrace, layout: Record<string, unknown> = {}, config: Record<string, unknown> = {}): Figure {
  return new Figure({ data: Array.isArray(data) ? data : [data], layout, config });
}
