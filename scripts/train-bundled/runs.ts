// What a training step records about its run (data, settings, time) for the `cards` step, which
// measures the saved model and writes its README. Kept beside the vocabularies, outside git.
import * as fs from "node:fs";
import * as path from "node:path";
import { TrainerCallback } from "../../src";
import { CardFacts } from "./model-card";

export type RunFacts = Omit<CardFacts, "metrics">;

function runFile(modelsDir: string, name: string): string {
  return path.join(modelsDir, ".runs", `${name}.json`);
}

export function saveRun(modelsDir: string, facts: RunFacts): void {
  const file = runFile(modelsDir, facts.name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(facts, null, 2));
  fs.renameSync(tmp, file);
}

export function loadRun(modelsDir: string, name: string): RunFacts {
  const file = runFile(modelsDir, name);
  if (!fs.existsSync(file)) throw new Error(`No training record for ${name} at ${file}: run its training step first (--only ${name}).`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as RunFacts;
}

/** Prints each logged loss with a timestamp, so a background run can be followed in its log file. */
export function logLosses(name: string, log: (message: string) => void): TrainerCallback {
  const callback = new TrainerCallback();
  callback.on_log = (_args, state, _control, context) => {
    const logs = (context as { logs?: Record<string, number> }).logs ?? {};
    log(`${name} step ${state.global_step}/${state.max_steps} ${JSON.stringify(logs)}`);
  };
  return callback;
}

/**
 * Ends training at the first step after `deadline` (on a shared machine a run can take several
 * times longer than planned). The record then says how many of the planned steps ran.
 */
export function stopBy(deadline: Date | undefined, log: (message: string) => void): TrainerCallback {
  const callback = new TrainerCallback();
  callback.on_step_end = (_args, state, control) => {
    if (deadline && Date.now() > deadline.getTime() && !control.should_training_stop) {
      log(`time limit ${deadline.toISOString()} reached at step ${state.global_step} of ${state.max_steps}: stopping`);
      control.should_training_stop = true;
    }
  };
  return callback;
}
