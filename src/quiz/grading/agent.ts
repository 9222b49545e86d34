/**
 * The grader's helper inside a graded kernel. It decides nothing: it records the answers a
 * student gives and evaluates the parts of a test that need the student's state, returning the
 * values. The judge (judge.ts), in the grader's own process, compares them.
 *
 * Nothing here is trusted: a student may replace or patch all of it. That only changes the values
 * the judge receives, which is what a student's answers are anyway.
 */
import { display } from "../../display/display";
import { plainValue } from "../answers";
import { ANSWER_MIME, Encoded, PROBE_MIME, ValueTransferError, decodeValue, encodeValue } from "./values";

export interface ProbeReply {
  ok?: Encoded;
  error?: { name: string; message: string };
}

/** What a probe cell evaluates to: its reply as the cell's result, in the grader's MIME type. */
class ProbeResult {
  constructor(private readonly reply: ProbeReply) {}
  _repr_mimebundle_(): Record<string, unknown> {
    return { [PROBE_MIME]: this.reply, "text/plain": "(grader probe)" };
  }
}

/**
 * An answer as an output of the cell that gave it: the grader scores a check from the last one
 * shown before the check's place, without another round trip to the kernel.
 */
class RecordedAnswer {
  constructor(private readonly id: string, private readonly value: Encoded) {}
  _repr_mimebundle_(): Record<string, unknown> {
    return { [ANSWER_MIME]: { id: this.id, value: this.value }, "text/plain": `(answer to ${this.id} recorded)` };
  }
}

export interface GradingAgent {
  answer(id: string, value: unknown): void;
  lastAnswer(id: string): ProbeResult;
  probe(args: string, fn: (...args: unknown[]) => unknown): Promise<ProbeResult>;
  call(handle: number, method: string | null, args: string): Promise<ProbeResult>;
  // The rest of the quiz API does nothing at grading time.
  choice(): void; multiple(): void; numeric(): void; text(): void; check(): void;
  test(): void; hidden(): void; summary(): void; reset(): void;
}

export function installGradingAgent(): GradingAgent {
  const answers = new Map<string, unknown>();
  const handles: unknown[] = [];
  const ids = new Map<unknown, number>();
  const handleOf = (value: object) => {
    let id = ids.get(value);
    if (id === undefined) { id = handles.length; handles.push(value); ids.set(value, id); }
    return id;
  };
  const decodeArgs = (json: string): unknown[] => {
    const args = decodeValue(JSON.parse(json), {
      fromHandle: (id) => {
        if (id >= handles.length) throw new ValueTransferError(`no value with handle ${id}`);
        return handles[id];
      },
    });
    return Array.isArray(args) ? args : [];
  };
  const reply = async (run: () => unknown): Promise<ProbeResult> => {
    try {
      return new ProbeResult({ ok: encodeValue(await run(), { handle: handleOf }) });
    } catch (e) {
      const error = e instanceof Error ? { name: String(e.name), message: String(e.message) } : { name: "thrown", message: String(e) };
      return new ProbeResult({ error });
    }
  };
  const nothing = () => undefined;
  return {
    answer(id: string, value: unknown) {
      const key = String(id);
      answers.set(key, plainValue(value) ?? null);
      let encoded: Encoded;
      try {
        encoded = encodeValue(answers.get(key), { handle: handleOf });
      } catch {
        encoded = null;
      }
      display(new RecordedAnswer(key, encoded));
    },
    lastAnswer(id: string) {
      const key = String(id);
      return new ProbeResult({ ok: encodeValue(answers.has(key) ? { answered: true, value: answers.get(key) } : { answered: false }, { handle: handleOf }) });
    },
    probe(args: string, fn: (...args: unknown[]) => unknown) {
      return reply(() => fn(...decodeArgs(args)));
    },
    call(handle: number, method: string | null, args: string) {
      return reply(() => {
        const target = handles[handle] as Record<string, (...a: unknown[]) => unknown> | ((...a: unknown[]) => unknown);
        if (target === undefined) throw new ValueTransferError(`no value with handle ${handle}`);
        if (method === null) return (target as (...a: unknown[]) => unknown)(...decodeArgs(args));
        return (target as Record<string, (...a: unknown[]) => unknown>)[method](...decodeArgs(args));
      });
    },
    choice: nothing, multiple: nothing, numeric: nothing, text: nothing, check: nothing,
    test: nothing, hidden: nothing, summary: nothing, reset: nothing,
  };
}
