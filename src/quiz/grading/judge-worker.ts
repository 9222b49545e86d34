/**
 * The judge's thread: runs one graded cell of the source notebook (compiled by judge-transform.ts)
 * and reports what passed. It runs in the grader's process, where no student code ever runs, with
 * its own built-ins and its own `assert`. Whenever the cell needs a value from the student's
 * kernel it asks the grader's main thread and blocks until the answer arrives, so tests stay the
 * synchronous code their author wrote.
 */
import { MessagePort, parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import * as vm from "node:vm";
import { createQuizAssert } from "../assert";
import { DecodeHooks, decodeValue, encodeArguments } from "./values";

export type JudgeRequest =
  | { op: "probe"; site: number; args: string }
  | { op: "call"; handle: number; method: string | null; args: string }
  | { op: "answer"; id: string };

export interface JudgeReply {
  ok?: unknown;
  error?: { name: string; message: string };
}

export interface TestVerdict {
  id: string;
  passed: boolean;
  /** The failure happened in a hidden-test region (its message is not kept). */
  hidden: boolean;
  message: string | null;
}

export interface CheckVerdict {
  id: string;
  answered: boolean;
  value: unknown;
}

export interface JudgeOutcome {
  tests: TestVerdict[];
  checks: CheckVerdict[];
  /** The cell's last expression, when it is a number (partial credit). */
  value: number | null;
  error: { message: string; hidden: boolean } | null;
  log: string[];
}

export interface JudgeWorkerData {
  js: string;
  hiddenSites: boolean[];
  port: MessagePort;
  signal: SharedArrayBuffer;
}

/** An error thrown by the student's code in the kernel, as the judge sees it. */
class StudentCodeError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

if (parentPort) {
  const { js, hiddenSites, port, signal } = workerData as JudgeWorkerData;
  const flag = new Int32Array(signal);
  const log: string[] = [];
  const note = (...args: unknown[]) => { if (log.length < 200) log.push(args.map(String).join(" ").slice(0, 2000)); };
  // The cell's own console output goes into the autograded notebook, not the grader's terminal.
  for (const name of ["log", "info", "warn", "error", "debug"] as const) (console as unknown as Record<string, unknown>)[name] = note;

  const ask = (request: JudgeRequest): JudgeReply => {
    Atomics.store(flag, 0, 0);
    port.postMessage(request);
    for (;;) {
      const received = receiveMessageOnPort(port);
      if (received) return received.message as JudgeReply;
      Atomics.wait(flag, 0, 0, 50);
    }
  };

  const handles = new WeakMap<object, number>();
  const hooks: DecodeHooks = {
    fromHandle(id, kind, meta) {
      const stub: Record<string, unknown> | ((...args: unknown[]) => unknown) = kind === "fn"
        ? (...args: unknown[]) => call(id, null, args)
        : {};
      if (kind === "inst") {
        for (const m of meta.methods) Object.defineProperty(stub, m, { value: (...args: unknown[]) => call(id, m, args), enumerable: false, writable: true, configurable: true });
        Object.defineProperty(stub, "constructor", { value: { name: meta.name }, enumerable: false, writable: true, configurable: true });
      }
      handles.set(stub, id);
      return stub;
    },
  };
  const valueOf = (reply: JudgeReply): unknown => {
    if (reply.error) throw new StudentCodeError(reply.error.name, reply.error.message);
    return decodeValue(reply.ok, hooks);
  };
  const argsOf = (args: unknown[]) => JSON.stringify(encodeArguments(args, (v) => (v !== null && (typeof v === "object" || typeof v === "function") ? handles.get(v) : undefined)));
  const call = (handle: number, method: string | null, args: unknown[]) => valueOf(ask({ op: "call", handle, method, args: argsOf(args) }));

  // Where the cell is: inside a hidden region, or last used a value computed by a hidden line.
  let inRegion = false;
  let lastSiteHidden = false;
  const hiddenNow = () => inRegion || lastSiteHidden;
  const messageOf = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : `thrown: ${String(e)}`).slice(0, 2000);

  const tests: TestVerdict[] = [];
  const checks: CheckVerdict[] = [];
  const assert = createQuizAssert();
  let queue: Promise<void> = Promise.resolve();
  const nothing = () => undefined;
  const quiz = {
    // Tests run one after another, so each failure is attributed to its own test and region.
    test(id: string, fn: (a: unknown) => unknown) {
      const run = async () => {
        inRegion = false;
        lastSiteHidden = false;
        try {
          await fn(assert);
          tests.push({ id: String(id), passed: true, hidden: false, message: null });
        } catch (e) {
          const hidden = hiddenNow();
          tests.push({ id: String(id), passed: false, hidden, message: hidden ? null : messageOf(e) });
        }
      };
      const next = queue.then(run);
      queue = next;
      return next;
    },
    check(id: string) {
      const answer = valueOf(ask({ op: "answer", id: String(id) })) as { answered?: unknown; value?: unknown } | null;
      checks.push({ id: String(id), answered: answer?.answered === true, value: answer?.answered === true ? answer.value : undefined });
    },
    choice: nothing, multiple: nothing, numeric: nothing, text: nothing, answer: nothing, hidden: nothing, summary: nothing, reset: nothing,
  };
  const tlab = {
    k(site: number, args: unknown[]) {
      lastSiteHidden = hiddenSites[site] === true;
      return valueOf(ask({ op: "probe", site, args: argsOf(args) }));
    },
    region(on: boolean) {
      inRegion = on;
    },
  };

  const finish = (outcome: Omit<JudgeOutcome, "log">) => parentPort!.postMessage({ ...outcome, log });
  (async () => {
    let value: unknown;
    let error: JudgeOutcome["error"] = null;
    try {
      const cell = vm.runInThisContext(js, { filename: "graded-cell.js" }) as (t: unknown, q: unknown, a: unknown) => Promise<unknown>;
      value = await cell(tlab, quiz, assert);
    } catch (e) {
      const hidden = hiddenNow();
      error = { message: hidden ? "" : messageOf(e), hidden };
    }
    await queue;
    finish({ tests, checks, value: typeof value === "number" ? value : null, error });
  })().catch((e) => finish({ tests, checks, value: null, error: { message: messageOf(e), hidden: true } }));
}
