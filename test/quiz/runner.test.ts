// The notebook runner against the real kernel: outputs in nbformat's shape, and a cell that
// ignores interrupts costs only itself (kernel killed, restarted, earlier cells replayed).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { runCells } from "../../src/quiz/runner/run-cells";

test("a cell that cannot be interrupted is killed; the cells after it still see the earlier state", { timeout: 300_000 }, async () => {
  const results = await runCells([
    `let base = 41;\nconsole.log("ready")`,
    `import { execSync } from "node:child_process";\nexecSync("sleep 60");`,
    `base + 1`,
    `throw new RangeError("on purpose")`,
    `base * 2`,
  ], { timeoutMs: 3000 });
  assert.deepEqual(results.map((r) => r.status), ["ok", "timeout", "ok", "error", "ok"]);
  assert.deepEqual(results[0].outputs, [{ output_type: "stream", name: "stdout", text: "ready\n" }]);
  assert.equal((results[2].outputs[0].data as Record<string, unknown>)["text/plain"], "42");
  assert.equal(results[2].outputs[0].output_type, "execute_result");
  assert.deepEqual(results[3].error, { ename: "RangeError", evalue: "on purpose" });
  assert.equal(results[3].outputs[0].output_type, "error");
  assert.equal((results[4].outputs[0].data as Record<string, unknown>)["text/plain"], "82");
});
