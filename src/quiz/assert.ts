/**
 * The `assert` a test cell receives: Node's `assert/strict` plus `close` for floating-point
 * values. It is built from the functions as they were when this module loaded, and frozen, so
 * code that later replaces `assert.equal` on Node's module does not change what tests check.
 */
import * as strict from "node:assert/strict";

type Message = string | Error;
type Expected = RegExp | ((error: unknown) => boolean) | (new (...args: never[]) => unknown) | object;

/**
 * Plain signatures rather than Node's `asserts value` ones: TypeScript only allows assertion
 * signatures through names with explicit type annotations, and a test callback's `assert`
 * parameter gets its type from context.
 */
export interface QuizAssert {
  (value: unknown, message?: Message): void;
  ok(value: unknown, message?: Message): void;
  equal(actual: unknown, expected: unknown, message?: Message): void;
  notEqual(actual: unknown, expected: unknown, message?: Message): void;
  strictEqual(actual: unknown, expected: unknown, message?: Message): void;
  notStrictEqual(actual: unknown, expected: unknown, message?: Message): void;
  deepEqual(actual: unknown, expected: unknown, message?: Message): void;
  notDeepEqual(actual: unknown, expected: unknown, message?: Message): void;
  deepStrictEqual(actual: unknown, expected: unknown, message?: Message): void;
  notDeepStrictEqual(actual: unknown, expected: unknown, message?: Message): void;
  throws(fn: () => unknown, expected?: Expected | Message, message?: Message): void;
  doesNotThrow(fn: () => unknown, message?: Message): void;
  rejects(promiseOrFn: Promise<unknown> | (() => Promise<unknown>), expected?: Expected | Message, message?: Message): Promise<void>;
  doesNotReject(promiseOrFn: Promise<unknown> | (() => Promise<unknown>), message?: Message): Promise<void>;
  match(value: string, regexp: RegExp, message?: Message): void;
  doesNotMatch(value: string, regexp: RegExp, message?: Message): void;
  fail(message?: Message): never;
  /** Fails unless `|actual − expected| ≤ tolerance` (default 1e-6). */
  close(actual: number, expected: number, tolerance?: number, message?: string): void;
}

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
