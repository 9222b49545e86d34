// Small result types and helpers shared by the Trainer, named as in transformers.trainer_utils.
import * as fs from "node:fs";
import * as path from "node:path";

export const PREFIX_CHECKPOINT_DIR = "checkpoint";
const CHECKPOINT_RE = /^checkpoint-(\d+)$/;

/** What `trainer.train()` returns. */
export class TrainOutput {
  constructor(readonly global_step: number, readonly training_loss: number, readonly metrics: Record<string, number>) {}
  toString(): string {
    return `TrainOutput(global_step=${this.global_step}, training_loss=${this.training_loss}, metrics=${JSON.stringify(this.metrics)})`;
  }
}

/**
 * What `compute_metrics` receives: `predictions` (the model's logits, nested number arrays, one row per example)
 * and `label_ids` (the labels, or null when the data has none).
 */
export class EvalPrediction {
  constructor(readonly predictions: any, readonly label_ids: any, readonly inputs: any = null) {}
}

/** What `trainer.predict()` returns: predictions, labels and `test_`-prefixed metrics. */
export class PredictionOutput {
  constructor(readonly predictions: any, readonly label_ids: any, readonly metrics: Record<string, number>) {}
}

/** A training run failed in a way the user can fix (the message says how). */
export class TrainingError extends Error {
  override name = "TrainingError";
}

/**
 * Python's `round(x, ndigits)`: correctly rounded, ties to even. (JS's toFixed rounds ties up, so
 * 0.125 would become 0.13 where Python logs 0.12.)
 */
export function pyRound(x: number, ndigits: number): number {
  if (!Number.isFinite(x)) return x;
  const exact = Math.abs(x).toFixed(30);
  const dot = exact.indexOf(".");
  const tail = exact.slice(dot + 1 + ndigits);
  const isTie = /^50*$/.test(tail);
  let rounded = Number(Math.abs(x).toFixed(ndigits));
  if (isTie) {
    const down = Number(exact.slice(0, dot + 1 + ndigits));
    const lastDigit = Number(ndigits > 0 ? exact[dot + ndigits] : exact[dot - 1]);
    rounded = lastDigit % 2 === 0 ? down : rounded;
  }
  return x < 0 ? -rounded : rounded;
}

/** Runtime and throughput metrics, rounded as transformers rounds them. */
export function speed_metrics(split: string, start: number, num_samples?: number, num_steps?: number): Record<string, number> {
  const runtime = (Date.now() - start) / 1000;
  const out: Record<string, number> = { [`${split}_runtime`]: pyRound(runtime, 4) };
  if (num_samples !== undefined) out[`${split}_samples_per_second`] = pyRound(num_samples / Math.max(runtime, 1e-9), 3);
  if (num_steps !== undefined) out[`${split}_steps_per_second`] = pyRound(num_steps / Math.max(runtime, 1e-9), 3);
  return out;
}

/** The checkpoint folders in `folder`, oldest step first. */
export function sorted_checkpoints(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .map((name) => ({ name, match: CHECKPOINT_RE.exec(name) }))
    .filter((e) => e.match && fs.statSync(path.join(folder, e.name)).isDirectory())
    .sort((a, b) => Number(a.match![1]) - Number(b.match![1]))
    .map((e) => path.join(folder, e.name));
}

/** The newest `checkpoint-<step>` folder in `folder`, or null. */
export function get_last_checkpoint(folder: string): string | null {
  const all = sorted_checkpoints(folder);
  return all.length ? all[all.length - 1] : null;
}

/** The step number of a checkpoint folder. */
export function checkpointStep(folder: string): number | null {
  const m = CHECKPOINT_RE.exec(path.basename(folder));
  return m ? Number(m[1]) : null;
}
