// The reference training runs (training/<run>/training_log.json) and what their specs name.
import * as fs from "node:fs";
import * as path from "node:path";
import { hfReference } from "./paths";

export const trainingDir = path.join(hfReference, "training");

/** Every run folder, so that runs added to the fixture set are checked too. */
export const trainingRuns: string[] = fs.existsSync(trainingDir)
  ? fs.readdirSync(trainingDir).filter((name) => fs.existsSync(path.join(trainingDir, name, "training_log.json"))).sort()
  : [];

/** The lr_scheduler_type of a spec's `scheduler.fn` (transformers' schedule function). */
export function scheduleType(fn: string): "linear" | "cosine" | "constant_with_warmup" | "constant" {
  const name = String(fn).split(".").pop()!;
  const types = {
    get_linear_schedule_with_warmup: "linear",
    get_cosine_schedule_with_warmup: "cosine",
    get_constant_schedule_with_warmup: "constant_with_warmup",
    get_constant_schedule: "constant",
  } as const;
  const type = (types as Record<string, (typeof types)[keyof typeof types]>)[name];
  if (!type) throw new Error(`unknown schedule ${fn}`);
  return type;
}

/**
 * Attention key biases: a key bias adds the same q·b to every score in a softmax row, which softmax
 * ignores, so the true gradient is exactly 0. PyTorch's and our gradients are both rounding noise
 * there, which Adam normalises into lr-sized steps; those tensors are checked against that bound.
 */
export const isKeyBias = (name: string): boolean => /attention\.(self\.key|k_lin)\.bias$/.test(name);
