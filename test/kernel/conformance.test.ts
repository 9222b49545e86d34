import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { repoRoot } from "../helpers/paths";
import { PYTHON } from "../helpers/system";
import { jupyterClient, privateJupyter } from "./jupyter";

const component = jupyterClient("jupyter_kernel_test", "python3-jupyter-kernel-test");

test("the Jupyter kernel conformance suite passes in full", { skip: component.skip, timeout: 240_000 }, () => {
  const { env } = privateJupyter("kernel-conformance");
  const r = spawnSync(PYTHON, [path.join(repoRoot, "test", "kernel", "conformance_test.py")], { env, encoding: "utf8", cwd: repoRoot, timeout: 230_000 });
  const report = `${r.stdout}\n${r.stderr}`;
  assert.equal(r.status, 0, report);
  const ran = /Ran (\d+) tests?/.exec(report);
  assert.ok(ran && Number(ran[1]) >= 12, `expected every conformance test to run:\n${report}`);
  // Every sample is provided, so nothing may be skipped and nothing may be an expected failure.
  assert.doesNotMatch(report, /skipped|expected failure/i, report);
  assert.match(report, /\nOK\s*$/);
});
