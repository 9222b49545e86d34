import * as fs from "node:fs";
import * as path from "node:path";

/** The repository root, found by walking up to package.json (works from test/ under tsx and from dist/test). */
export const repoRoot: string = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json")) || path.basename(dir) === "dist") dir = path.dirname(dir);
  return dir;
})();

/**
 * The Hugging Face reference fixtures: the copy in the repository, or another set of the same
 * layout named by HF_REFERENCE_DIR (e.g. `HF_REFERENCE_DIR=../shared/fixtures/hf-reference npm test`).
 * Tests that compare with the fixtures discover every case in it, so added cases run too.
 */
export const hfReference = process.env.HF_REFERENCE_DIR
  ? path.resolve(process.env.HF_REFERENCE_DIR)
  : path.join(repoRoot, "test", "fixtures", "hf-reference");

/**
 * The transformers 5 (fast tokenizer) reference fixtures: the copy in the repository, or another set
 * of the same layout named by HF5_REFERENCE_DIR (e.g. a held-out set). Every case found is tested.
 */
export const hf5Reference = process.env.HF5_REFERENCE_DIR
  ? path.resolve(process.env.HF5_REFERENCE_DIR)
  : path.join(repoRoot, "test", "fixtures", "hf5-reference");

/** A fresh scratch folder under test-output/ for a test's files (kept for inspection, ignored by git). */
export function scratchDir(name: string): string {
  const dir = path.join(repoRoot, "test-output", name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * The folder a transformers 5 fixture's `weights_dir` names: `shared/fixtures/hf5-reference/<folder>`
 * is a folder of the set (a held-out set may keep only inputs, so the repository's copy is the
 * fallback); anything else (`models/gpt2-tiny-brown`) is a model bundled with the repository.
 */
export function hf5WeightsDir(weights_dir: string): string {
  const setPrefix = "shared/fixtures/hf5-reference/";
  const plain = weights_dir.split(" ")[0];
  if (!plain.startsWith(setPrefix)) return path.join(repoRoot, plain);
  const folder = plain.slice(setPrefix.length);
  const inSet = path.join(hf5Reference, folder);
  return fs.existsSync(path.join(inSet, "config.json")) ? inSet : path.join(repoRoot, "test", "fixtures", "hf5-reference", folder);
}
