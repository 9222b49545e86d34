import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { BenchKernel } from "../../bench/kernel-client";
import { kernelCommand } from "../../kernel/spec";
import { scratchDir } from "../helpers/paths";

function cacheFiles(dir: string): string[] {
  const v8 = path.join(dir, "transformers-lab", "v8");
  return fs.existsSync(v8) ? fs.readdirSync(v8).filter((f) => f.endsWith(".bin")).map((f) => path.join(v8, f)) : [];
}

test("the kernel saves a V8 code cache for the compiler and the next start uses it", { timeout: 120_000 }, async () => {
  const cache = scratchDir("kernel-compile-cache");
  const env = { ...process.env, XDG_CACHE_HOME: cache };

  const first = await BenchKernel.start((f) => kernelCommand(f), cache, env);
  try {
    assert.equal((await first.execute("1 + 1")).content.status, "ok");
    const deadline = Date.now() + 60_000;
    while (cacheFiles(cache).length === 0) {
      if (Date.now() > deadline) throw new Error("no code cache was written");
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await first.stop();
  }
  const [file] = cacheFiles(cache);
  assert.ok(fs.statSync(file).size > 100_000, "the cache holds compiled code");
  const written = fs.statSync(file).mtimeMs;

  // A second kernel accepts the cache (it rewrites only a missing or rejected one) and works.
  const second = await BenchKernel.start((f) => kernelCommand(f), cache, env);
  try {
    const reply = await second.execute("const t = Tensor.from([1, 2]);\nt.shape");
    assert.equal(reply.content.status, "ok");
    await new Promise((r) => setTimeout(r, 3000));
  } finally {
    await second.stop();
  }
  assert.deepEqual(cacheFiles(cache), [file]);
  assert.equal(fs.statSync(file).mtimeMs, written, "the cache was accepted, not rewritten");
});
