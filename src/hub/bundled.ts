// Models shipped inside this package, under their own namespace `transformers-lab/<name>` so they
// never shadow a Hub id. They live in `<package root>/models/<name>/` and need no network.
import * as fs from "node:fs";
import * as path from "node:path";

export const BUNDLED_NAMESPACE = "transformers-lab";

let cachedRoot: string | undefined;

/** The folder holding this package's package.json (from src/ under tsx or dist/src/ when built). */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest)) {
      try {
        if (JSON.parse(fs.readFileSync(manifest, "utf8")).name === "transformers-lab") return (cachedRoot = dir);
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("Cannot find the transformers-lab package folder (package.json) above " + __dirname);
    dir = parent;
  }
}

/** The folder of bundled models. */
export function bundledModelsDir(): string {
  return path.join(packageRoot(), "models");
}

/** `transformers-lab/<name>` → its folder, or null for any other id. */
export function bundledName(repoId: string): string | null {
  const prefix = `${BUNDLED_NAMESPACE}/`;
  return repoId.startsWith(prefix) ? repoId.slice(prefix.length) : null;
}

/**
 * The ids of every model (or tokenizer) bundled with the package, e.g.
 * `["transformers-lab/bert-base-uncased", "transformers-lab/bert-tiny-sentiment"]`.
 */
export function list_bundled_models(): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(bundledModelsDir(), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => `${BUNDLED_NAMESPACE}/${e.name}`)
    .sort();
}

/** One sentence listing the bundled models, for error messages. */
export function bundledModelsHint(): string {
  const ids = list_bundled_models();
  return ids.length
    ? `Models bundled with transformers-lab (no network needed): ${ids.join(", ")}.`
    : "No models are bundled with this installation of transformers-lab.";
}
