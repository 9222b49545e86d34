// Checkpoint folders `checkpoint-<step>/`, written so that a folder with that name is always
// complete: everything goes into a hidden temporary folder beside it, which is renamed at the end.
// A failure (a read-only or full disk) removes the temporary folder and leaves older checkpoints
// untouched.
//
// Layout (all formats readable without this library):
//   config.json, model.safetensors      the model, as save_pretrained writes it
//   trainer_state.json                  TrainerState (transformers' keys, incl. log_history)
//   optimizer.json (+ .safetensors)     optimizer state: hyper-parameters and step counts in JSON,
//                                       moment buffers as F32 tensors named by parameter
//   scheduler.json                      learning-rate scheduler state
//   rng_state.json                      generator states (dropout, data collator) and loop counters
//   training_args.json                  the TrainingArguments of the run
import * as fs from "node:fs";
import * as path from "node:path";
import { PREFIX_CHECKPOINT_DIR, sorted_checkpoints, TrainingError } from "./trainer_utils";

/** Why writing failed, in words that say what to do. */
export function explainWriteError(err: unknown, target: string): TrainingError {
  const code = (err as NodeJS.ErrnoException)?.code;
  const reason =
    code === "ENOSPC" || code === "EDQUOT"
      ? "the disk is full"
      : code === "EACCES" || code === "EPERM" || code === "EROFS"
      ? "the folder is not writable"
      : code === "ENOTDIR"
      ? "part of the path is a file, not a folder"
      : (err as Error)?.message ?? String(err);
  return new TrainingError(
    `Could not write ${target}: ${reason} (${code ?? "error"}). Nothing half-written was left behind. ` +
      `Free some space or choose another output_dir in TrainingArguments, then train again (or resume from the last checkpoint).`,
  );
}

/** Creates output_dir (if needed) and checks that files can be written there, before any training time is spent. */
export function ensureWritableDir(dir: string): void {
  const probe = path.join(dir, `.write-test-${process.pid}`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(probe, "ok");
    fs.rmSync(probe, { force: true });
  } catch (err) {
    try {
      fs.rmSync(probe, { force: true });
    } catch {
      // the probe never existed
    }
    throw explainWriteError(err, `to output_dir ${dir}`);
  }
}

/** Writes a checkpoint folder atomically: `fill(tmpDir)` writes the files, then the folder is renamed into place. */
export async function writeCheckpointAtomically(outputDir: string, step: number, fill: (dir: string) => Promise<void> | void): Promise<string> {
  const finalDir = path.join(outputDir, `${PREFIX_CHECKPOINT_DIR}-${step}`);
  const tmpDir = path.join(outputDir, `.${PREFIX_CHECKPOINT_DIR}-${step}.tmp-${process.pid}`);
  try {
    fs.mkdirSync(outputDir, { recursive: true });
    fs.rmSync(tmpDir, { recursive: true, force: true });
    fs.mkdirSync(tmpDir);
    await fill(tmpDir);
    // Replacing an existing checkpoint of the same step: move the old one aside first.
    const old = fs.existsSync(finalDir) ? `${tmpDir}.old` : null;
    if (old) fs.renameSync(finalDir, old);
    fs.renameSync(tmpDir, finalDir);
    if (old) fs.rmSync(old, { recursive: true, force: true });
    return finalDir;
  } catch (err) {
    fs.rmSync(tmpDir, { recursive: true, force: true });
    if (err instanceof TrainingError) throw err;
    throw explainWriteError(err, `checkpoint ${finalDir}`);
  }
}

/**
 * Deletes the oldest checkpoints beyond `saveTotalLimit`, never the best one (as transformers does:
 * the best checkpoint is kept, and with a limit of 1 the newest is kept too so training can resume).
 */
export function rotateCheckpoints(outputDir: string, saveTotalLimit: number | null, bestCheckpoint: string | null): string[] {
  if (!saveTotalLimit || saveTotalLimit <= 0) return [];
  let checkpoints = sorted_checkpoints(outputDir);
  if (bestCheckpoint) {
    const best = path.resolve(bestCheckpoint);
    const i = checkpoints.findIndex((c) => path.resolve(c) === best);
    if (i >= 0 && i < checkpoints.length - 1) {
      // Move the best checkpoint to just before the newest so it is not among the deleted ones.
      const [b] = checkpoints.splice(i, 1);
      checkpoints.splice(checkpoints.length - 1, 0, b);
    }
  }
  let limit = saveTotalLimit;
  if (limit === 1 && bestCheckpoint && checkpoints.length && path.resolve(checkpoints[checkpoints.length - 1]) !== path.resolve(bestCheckpoint)) limit = 2;
  const remove = checkpoints.slice(0, Math.max(0, checkpoints.length - limit));
  for (const dir of remove) fs.rmSync(dir, { recursive: true, force: true });
  return remove;
}
