// The Rust `tokenizers` package (the library behind Python's fast tokenizers) as a reference:
// rust_tokenizer_worker.ts drives it the way transformers 5 does, in child processes, because a
// Rust panic aborts the process that runs it. A case whose process aborts is recorded as an error.
import { spawnSync } from "node:child_process";
import * as path from "node:path";

export interface CallOptions {
  truncation?: boolean | string;
  max_length?: number;
  stride?: number;
  padding?: boolean | string;
  padding_side?: "left" | "right";
  truncation_side?: "left" | "right";
  add_special_tokens?: boolean;
  return_overflowing_tokens?: boolean;
  return_special_tokens_mask?: boolean;
}

export type RustCase =
  | { kind: "call"; text: string | string[]; text_pair?: string | string[] | null; options: CallOptions }
  | { kind: "decode"; ids: number[]; options: { skip_special_tokens?: boolean; clean_up_tokenization_spaces?: boolean | null } }
  | { kind: "batch_decode"; ids: number[][]; options: { skip_special_tokens?: boolean; clean_up_tokenization_spaces?: boolean | null } };

/** What a case gave: the encoding's keys, decoded text(s), or `{ error }` when Rust raised or panicked. */
export type RustResult = Record<string, unknown> | string | string[] | { error: string };

const WORKER = path.join(__dirname, "rust_tokenizer_worker.js");

/** Runs every case through the Rust tokenizer built from `folder`; results come back in order. */
export function runRust(folder: string, cases: RustCase[], padToken: string | null = null): RustResult[] {
  const results: RustResult[] = [];
  while (results.length < cases.length) {
    const rest = cases.slice(results.length);
    const run = spawnSync(process.execPath, [WORKER], {
      input: JSON.stringify({ folder, pad_token: padToken, cases: rest }),
      encoding: "utf8",
      maxBuffer: 1 << 30,
    });
    const lines = run.stdout.split("\n").filter((line) => line !== "");
    for (const line of lines) results.push(JSON.parse(line));
    if (results.length < cases.length) {
      if (run.status === 0) throw new Error(`the Rust worker stopped after ${results.length} of ${cases.length} cases: ${run.stderr}`);
      // The next case aborted the process: a Rust panic, which Python raises as PanicException.
      const reason = /panicked at [^\n]*\n([^\n]*)/.exec(run.stderr)?.[1] ?? (run.stderr.trim().split("\n")[0] || `exit ${run.status}`);
      results.push({ error: `panic: ${reason}` });
    }
  }
  return results;
}

export function isError(result: unknown): result is { error: string } {
  return typeof result === "object" && result !== null && !Array.isArray(result) && typeof (result as { error?: unknown }).error === "string";
}
