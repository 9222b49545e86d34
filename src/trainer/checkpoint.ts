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

/** A file of a checkpoint folder that is missing, cut short or not what its name says; `file` is its path. */
export class CheckpointFileError extends TrainingError {
  override name = "CheckpointFileError";
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
  }
}

/**
 * Reads one part of a checkpoint with `read`, turning whatever goes wrong (a truncated JSON file, a
 * safetensors file cut short, a state that does not fit) into an error that names the file.
 */
export function readCheckpointPart<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof CheckpointFileError) throw err;
    const reason = err instanceof SyntaxError ? `it is not valid JSON (${err.message}); it was probably cut short` : (err as Error)?.message ?? String(err);
    throw new CheckpointFileError(
      `Cannot resume from ${file}: ${reason}. The checkpoint is damaged; resume from an earlier checkpoint-<step> folder, or train from the start.`,
      file,
    );
  }
}

/** Parses a JSON file of a checkpoint; `check` says what is wrong with the parsed value, or null. */
export function readCheckpointJson<T>(file: string, check: (value: unknown) => string | null = () => null): T {
  return readCheckpointPart(file, () => {
    const value: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    const problem = check(value);
    if (problem) throw new Error(problem);
    return value as T;
  });
}

const TEMP_FOLDER = new RegExp(`^\\.${PREFIX_CHECKPOINT_DIR}-(\\d+)\\.tmp-(\\d+)(\\.old)?$`);

function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // alive, but someone else's
  }
}

/**
 * Removes the temporary folders a killed save left in output_dir (`.checkpoint-<step>.tmp-<pid>`),
 * unless their process is still writing them. A `.old` folder is the previous checkpoint of that
 * step, moved aside just before the kill: it goes back in place when its step has no checkpoint.
 * Run before every save and on resume. Returns the folders removed or restored.
 */
export function removeStaleTempFolders(outputDir: string): string[] {
  let entries: string[];
  try {
    entries = fs.readdirSync(outputDir);
  } catch {
    return [];
  }
  const handled: string[] = [];
  for (const name of entries) {
    const match = TEMP_FOLDER.exec(name);
    if (!match || processIsAlive(Number(match[2]))) continue;
    const folder = path.join(outputDir, name);
    const finalDir = path.join(outputDir, `${PREFIX_CHECKPOINT_DIR}-${match[1]}`);
    if (match[3] && !fs.existsSync(finalDir)) fs.renameSync(folder, finalDir);
    else fs.rmSync(folder, { recursive: true, force: true });
    handled.push(folder);
  }
  return handled;
}

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
    removeStaleTempFolders(outputDir);
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
