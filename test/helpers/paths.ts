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
