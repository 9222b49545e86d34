// Kernel features through jupyter_client: signature help, completions, stdin, `_`, %time, comms, process.exit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { repoRoot } from "../helpers/paths";
import { PYTHON } from "../helpers/system";
import { jupyterClient, privateJupyter } from "./jupyter";

const component = jupyterClient("jupyter_client", "python3-jupyter-client");

test("the kernel's features work through jupyter_client", { skip: component.skip, timeout: 600_000 }, () => {
  const { env } = privateJupyter("kernel-jupyter-client");
  const r = spawnSync(PYTHON, [path.join(repoRoot, "test", "kernel", "jupyter_client_test.py")], { env, encoding: "utf8", cwd: repoRoot, timeout: 590_000 });
  const report = `${r.stdout}\n${r.stderr}`;
  assert.equal(r.status, 0, report);
  assert.doesNotMatch(report, /skipped|expected failure/i, report);
  assert.match(report, /\nOK\s*$/);
});
