/**
 * The grader's checker, loaded into each submission's fresh kernel before any student code.
 * Locked cells restored from the source call it (instead of the `quiz` global) through a binding
 * with an unguessable name. It keeps its state in closures, uses built-ins captured at load time,
 * and appends records signed with the run's secret to a file the grader reads: student code can
 * neither change what it records nor forge a record. The grader scores from these records.
 */
import { createHmac } from "node:crypto";
import * as fs from "node:fs";
import { plainValue } from "../answers";
import { createQuizAssert } from "../assert";
import { guardIntrinsics } from "./intrinsics";

export type CheckerRecord =
  | { t: "cell"; cell: string; grade_id: string; tampered: string[] }
  | { t: "answer"; id: string; value: unknown; error?: string }
  | { t: "check"; id: string }
  | { t: "test"; id: string; cell: string; passed: boolean; hidden: boolean; message: string | null };

export interface Checker {
  cell(gradeId: string, nonce: string): void;
  choice(id: string, spec?: unknown): void;
  multiple(id: string, spec?: unknown): void;
  numeric(id: string, spec?: unknown): void;
  text(id: string, spec?: unknown): void;
  answer(id: string, value: unknown): void;
  check(id: string): void;
  test(id: string, fn: (assert: unknown) => unknown): void | Promise<void>;
  hidden(): void;
  summary(): void;
  reset(): void;
}

/** Signs one record line; the grader recomputes this to reject forged lines. */
export function signRecord(secret: string, json: string): string {
  return createHmac("sha256", secret).update(json, "utf8").digest("hex");
}

export function installChecker(options: { secret: string; records: string }): Checker {
  const { secret, records } = options;
  const appendFileSync = fs.appendFileSync;
  const stringify = JSON.stringify;
  const hmac = createHmac;
  const assert = createQuizAssert();
  const guard = guardIntrinsics();
  const isPromise = (x: unknown): x is Promise<unknown> => !!x && typeof (x as { then?: unknown }).then === "function";
  const messageOf = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : `thrown: ${String(e)}`).slice(0, 2000);
  let inHidden = false;
  // The cell a test was started in: an async test may finish while a later cell runs.
  let currentCell = "";

  const write = (record: CheckerRecord) => {
    let json: string;
    try {
      json = stringify(record);
    } catch {
      json = stringify({ ...record, value: null, error: "the answer could not be serialised" });
    }
    appendFileSync(records, `${json}\t${hmac("sha256", secret).update(json, "utf8").digest("hex")}\n`);
  };
  const ignore = () => undefined;

  const checker: Checker = {
    cell(gradeId: string, nonce: string) {
      currentCell = String(nonce);
      write({ t: "cell", cell: currentCell, grade_id: gradeId, tampered: gradeId ? guard.restore() : [] });
    },
    choice: ignore, multiple: ignore, numeric: ignore, text: ignore, summary: ignore, reset: ignore,
    answer(id: string, value: unknown) {
      try {
        write({ t: "answer", id: String(id), value: plainValue(value) ?? null });
      } catch (e) {
        write({ t: "answer", id: String(id), value: null, error: messageOf(e) });
      }
    },
    check(id: string) {
      write({ t: "check", id: String(id) });
    },
    hidden() {
      inHidden = true;
    },
    test(id: string, fn: (assert: unknown) => unknown) {
      inHidden = false;
      const cell = currentCell;
      const pass = () => write({ t: "test", id: String(id), cell, passed: true, hidden: inHidden, message: null });
      // A failure inside hidden tests is recorded without its message, which could reveal the test.
      const fail = (e: unknown) => write({ t: "test", id: String(id), cell, passed: false, hidden: inHidden, message: inHidden ? null : messageOf(e) });
      let result: unknown;
      try {
        result = fn(assert);
      } catch (e) {
        fail(e);
        return;
      }
      if (isPromise(result)) return result.then(pass, fail);
      pass();
    },
  };
  return Object.freeze(checker);
}
