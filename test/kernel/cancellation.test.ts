import { test } from "node:test";
import assert from "node:assert/strict";
import { Worker } from "node:worker_threads";
import { KeyboardInterrupt, interruptRequested, throwIfInterrupted, resetInterrupt, requestInterrupt, useSharedInterruptFlag } from "../../src/utils/cancellation";

test("throwIfInterrupted throws KeyboardInterrupt after a request and not after a reset", () => {
  resetInterrupt();
  assert.equal(interruptRequested(), false);
  throwIfInterrupted();
  requestInterrupt();
  assert.throws(() => throwIfInterrupted(), (e: unknown) => e instanceof KeyboardInterrupt && (e as Error).name === "KeyboardInterrupt");
  resetInterrupt();
  throwIfInterrupted();
});

test("another thread can stop a busy synchronous loop through the shared flag", () => {
  const shared = new Int32Array(new SharedArrayBuffer(4));
  useSharedInterruptFlag(shared);
  resetInterrupt();
  // The worker raises the flag after 100 ms while this thread never yields.
  const worker = new Worker(`const { workerData } = require("node:worker_threads");
    setTimeout(() => Atomics.store(workerData, 0, 1), 100);`, { eval: true, workerData: shared });
  const started = Date.now();
  let iterations = 0;
  assert.throws(() => {
    for (;;) {
      iterations++;
      throwIfInterrupted();
      if (Date.now() - started > 20_000) throw new Error("the flag was never seen");
    }
  }, KeyboardInterrupt);
  assert.ok(iterations > 1);
  resetInterrupt();
  void worker.terminate();
});
