// What a training run shows. In a notebook: ONE output holding a progress bar, the latest
// metrics and a live plotly chart of the training loss (and evaluation metrics), updated in place.
// Outside a notebook: one plain text line per log.
import { display, type DisplayHandle } from "../display/display";
import { inKernel } from "../display/kernel-bridge";
import { Figure } from "../display/plotly";
import { escapeHtml } from "../datasets/repr";
import { TrainerCallback, type CallbackContext } from "./trainer_callback";
import type { TrainingArguments } from "./training_args";
import type { TrainerState } from "./trainer_state";
import type { TrainerControl } from "./trainer_callback";

/** Redraw intervals: progress alone at most once a second, a new log line at most ~3 times a second. */
const REDRAW_MS = 1000;
const LOG_REDRAW_MS = 300;
// The display module's marker for "plotly.js was already sent to the page by some figure".
const PLOTLY_SHIPPED = Symbol.for("transformers-lab.plotly-inlined");

function fmt(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(3) : v.toPrecision(5).replace(/\.?0+$/, "");
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  const two = (n: number) => String(n).padStart(2, "0");
  return s >= 3600 ? `${Math.floor(s / 3600)}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}` : `${two(Math.floor(s / 60))}:${two(s % 60)}`;
}

/** The live view of one run: a notebook output, or text lines on stdout. */
export class TrainingView {
  private handle: DisplayHandle | undefined;
  private lastDraw = 0;
  private readonly start = Date.now();
  private step = 0;
  private maxSteps = 0;
  private epoch = 0;
  private readonly losses: { step: number; value: number }[] = [];
  private readonly evals = new Map<string, { step: number; value: number }[]>();
  private latest: Record<string, number> = {};
  private finished = false;
  /** Whether this view brings plotly.js into the page (first chart of the session): then its first and final charts inline it. */
  private carriesPlotly: boolean | null = null;
  private chartsDrawn = 0;

  constructor(
    private readonly startStep = 0,
    /** Where text lines go outside a notebook. */
    private readonly stream: { write(text: string): unknown } = process.stdout,
  ) {}

  begin(maxSteps: number, step: number): void {
    this.maxSteps = maxSteps;
    this.step = step;
    if (inKernel()) this.handle = display(this, { display_id: true });
  }

  progress(step: number, epoch: number): void {
    this.step = step;
    this.epoch = epoch;
    this.redraw(REDRAW_MS);
  }

  log(logs: Record<string, number>, step: number): void {
    this.step = step;
    if (typeof logs.loss === "number") this.losses.push({ step, value: logs.loss });
    for (const [k, v] of Object.entries(logs)) {
      if (!k.startsWith("eval_") || /_(runtime|per_second)$/.test(k)) continue;
      const list = this.evals.get(k) ?? [];
      list.push({ step, value: v });
      this.evals.set(k, list);
    }
    this.latest = { ...this.latest, ...logs };
    if (!this.handle) this.printLine(logs, step);
    this.redraw(LOG_REDRAW_MS);
  }

  end(): void {
    this.finished = true;
    this.redraw(0);
  }

  private printLine(logs: Record<string, number>, step: number): void {
    const parts = Object.entries(logs)
      .filter(([k]) => k !== "step" && k !== "epoch")
      .map(([k, v]) => `${k}=${fmt(v)}`);
    const epoch = typeof logs.epoch === "number" ? ` | epoch ${fmt(logs.epoch)}` : "";
    this.stream.write(`[step ${step}/${this.maxSteps}${epoch}] ${parts.join(" ")}\n`);
  }

  /** Updates the notebook output unless it was redrawn less than `minInterval` ms ago. */
  private redraw(minInterval: number): void {
    if (!this.handle) return;
    const now = Date.now();
    if (now - this.lastDraw < minInterval) return;
    this.lastDraw = now;
    this.handle.update(this);
  }

  private rate(): number {
    const seconds = (Date.now() - this.start) / 1000;
    return seconds > 0 ? (this.step - this.startStep) / seconds : 0;
  }

  toString(): string {
    const rate = this.rate();
    const remaining = rate > 0 ? (this.maxSteps - this.step) / rate : Infinity;
    const loss = this.losses.length ? ` loss=${fmt(this.losses[this.losses.length - 1].value)}` : "";
    return `${this.finished ? "Done" : "Training"}: step ${this.step}/${this.maxSteps}, epoch ${fmt(this.epoch)} [${duration((Date.now() - this.start) / 1000)}<${duration(remaining)}, ${rate.toFixed(2)} it/s]${loss}`;
  }

  figure(): Figure {
    const fig = new Figure({ layout: { height: 320, margin: { t: 30, r: 20, b: 40, l: 50 }, xaxis: { title: { text: "step" } }, yaxis: { title: { text: "loss" } }, title: { text: "Training" } } });
    fig.add_trace({ type: "scatter", mode: "lines+markers", name: "training loss", x: this.losses.map((p) => p.step), y: this.losses.map((p) => p.value) });
    for (const [name, points] of this.evals) {
      const isLoss = name === "eval_loss";
      fig.add_trace({ type: "scatter", mode: "lines+markers", name, x: points.map((p) => p.step), y: points.map((p) => p.value), ...(isLoss ? {} : { yaxis: "y2" }) });
    }
    if ([...this.evals.keys()].some((k) => k !== "eval_loss")) fig.update_layout({ yaxis2: { overlaying: "y", side: "right", title: { text: "metric" } } });
    return fig;
  }

  /**
   * The chart as HTML. plotly.js (~4.8 MB) travels with the first chart of the session and again with the
   * final state (so a saved notebook draws offline); the redraws in between only reference it.
   */
  private chartHtml(): string {
    const shipped = globalThis as unknown as Record<symbol, unknown>;
    if (this.carriesPlotly === null) {
      this.carriesPlotly = shipped[PLOTLY_SHIPPED] !== true;
      shipped[PLOTLY_SHIPPED] = true;
    }
    const inline = this.carriesPlotly && (this.chartsDrawn === 0 || this.finished);
    this.chartsDrawn++;
    return this.figure().to_html({ include_plotlyjs: inline });
  }

  _repr_mimebundle_(): Record<string, unknown> {
    const text = this.toString();
    const rows = Object.entries(this.latest)
      .filter(([k]) => !/_(runtime|per_second)$/.test(k) && k !== "total_flos")
      .map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(fmt(v))}</td></tr>`)
      .join("");
    const bar = `<div style="display:flex;align-items:center;gap:0.6em;font-family:monospace"><progress value="${Math.min(this.step, this.maxSteps)}" max="${Math.max(1, this.maxSteps)}" style="width:300px"></progress><span>${escapeHtml(text)}</span></div>`;
    const table = rows ? `<table style="font-family:monospace;font-size:90%"><tbody>${rows}</tbody></table>` : "";
    const chart = this.losses.length || this.evals.size ? this.chartHtml() : "";
    return { "text/plain": text, "text/html": `<div class="tlab-training">${bar}${table}${chart}</div>` };
  }
}

/** Shows a TrainingView for each run (installed by the Trainer unless `disable_tqdm` is true). */
export class ProgressCallback extends TrainerCallback {
  view: TrainingView | null = null;

  constructor(private readonly options: { stream?: { write(text: string): unknown } } = {}) {
    super();
  }

  override on_train_begin = (_args: TrainingArguments, state: TrainerState) => {
    this.view = new TrainingView(state.global_step, this.options.stream);
    this.view.begin(state.max_steps, state.global_step);
  };
  override on_step_end = (_args: TrainingArguments, state: TrainerState) => {
    this.view?.progress(state.global_step, state.epoch ?? 0);
  };
  override on_log = (_args: TrainingArguments, state: TrainerState, _control: TrainerControl, context: CallbackContext) => {
    if (context.logs) this.view?.log(context.logs, state.global_step);
  };
  override on_train_end = () => {
    this.view?.end();
  };
}
