/**
 * Helpers for tests that drive the kernel through real Jupyter tools: a kernelspec installed in a
 * private prefix (so tests never touch the user's Jupyter) and the environment that finds it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { installKernelSpec } from "../../kernel/spec";
import { repoRoot, scratchDir } from "../helpers/paths";
import { PYTHON, systemComponent } from "../helpers/system";

/** Installs our kernelspec under test-output/<name>/prefix; returns env vars that make Jupyter find it. */
export function privateJupyter(name: string): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = scratchDir(name);
  const prefix = path.join(dir, "prefix");
  installKernelSpec({ prefix }, repoRoot);
  const runtime = path.join(dir, "runtime");
  fs.mkdirSync(runtime, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JUPYTER_PATH: path.join(prefix, "share", "jupyter"),
    JUPYTER_RUNTIME_DIR: runtime,
    JUPYTER_CONFIG_DIR: path.join(dir, "config"),
    JUPYTER_DATA_DIR: path.join(dir, "data"),
    IPYTHONDIR: path.join(dir, "ipython"),
    PYTHONDONTWRITEBYTECODE: "1",
  };
  return { dir, env };
}

/** The Debian Jupyter client stack, or a skip notice (CI fails hard when it is missing). */
export function jupyterClient(module: string, packageName: string) {
  return systemComponent(`Python module ${module}`, [PYTHON, "-c", `import ${module}`], `apt-get install ${packageName}`);
}
