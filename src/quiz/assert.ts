/**
 * The `assert` a test cell receives: Node's `assert/strict` plus `close` for floating-point
 * values. It is built from the functions as they were when this module loaded, and frozen, so
 * code that later replaces `assert.equal` on Node's module does not change what tests check.
 */
import * as strict from "node:assert/strict";

export type QuizAssert = typeof strict & {
  /** Fails unless `|actual − expected| ≤ tolerance` (default 1e-6). */
  close(actual: number, expected: number, tolerance?: number, message?: string): void;
};

export function createQuizAssert(): QuizAssert {
  const ok = strict.ok;
  const fail = strict.fail;
  const abs = Math.abs;
  const assert = ((value: unknown, message?: string | Error) => ok(value, message)) as unknown as QuizAssert;
  for (const key of Object.keys(strict) as (keyof typeof strict)[]) {
    const member = strict[key];
    if (typeof member === "function") (assert as unknown as Record<string, unknown>)[key] = member;
  }
  assert.close = (actual: number, expected: number, tolerance = 1e-6, message?: string) => {
    if (typeof actual !== "number" || !(abs(actual - expected) <= tolerance)) {
      fail(message ?? `Expected a number within ${tolerance} of ${expected}, got ${String(actual)}`);
    }
  };
  return Object.freeze(assert);
}
