/**
 * How values cross between a graded kernel and the grader's judge: JSON with tagged special values.
 *
 * The kernel encodes what a student's code returned; the judge decodes it into plain data of its
 * own realm (never code, never a prototype the kernel chose), so an assertion compares real values
 * with the judge's own built-ins. Functions and class instances stay in the kernel: they travel as
 * handles, which the judge can call back (`handle(…)`, `instance.method(…)`), and instances bring a
 * copy of their data fields. Sizes are bounded on both sides.
 */

export const PROBE_MIME = "application/vnd.tlab.probe+json";
/** An answer the grading agent recorded, shown as an output of the cell that gave it. */
export const ANSWER_MIME = "application/vnd.tlab.answer+json";

/** A value could not be sent (too large, too deep). */
export class ValueTransferError extends Error {
  override name = "ValueTransferError";
}

export type Encoded = null | boolean | number | string | Encoded[] | { $: string; [key: string]: unknown };

export interface EncodeHooks {
  /** A handle for a function or class instance that stays on this side. */
  handle(value: object): number;
}

export interface DecodeHooks {
  /** The value for a handle received from the other side. */
  fromHandle(id: number, kind: "fn" | "inst", meta: { name: string; methods: string[] }): unknown;
  /** The handle id of a value that came from the other side (so it can be sent back as itself). */
  handleOf?(value: unknown): number | undefined;
}

const MAX_NODES = 200_000;
const MAX_DEPTH = 64;
const MAX_STRING = 8 * 1024 * 1024;
/** Own fields copied with a class instance (beyond that it travels as a handle only). */
const MAX_INSTANCE_NODES = 20_000;

const TYPED_ARRAYS = [
  "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
  "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
] as const;

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

/** Method names along an instance's prototype chain (not Object.prototype's). */
function methodNames(value: object): string[] {
  const names = new Set<string>();
  for (let proto = Object.getPrototypeOf(value); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === "constructor") continue;
      const d = Object.getOwnPropertyDescriptor(proto, key);
      if (d && typeof d.value === "function") names.add(key);
    }
  }
  return [...names];
}

/** Getter values of an instance's prototype chain (e.g. a tensor's `shape`), computed now. */
function getterNames(value: object): string[] {
  const names = new Set<string>();
  for (let proto = Object.getPrototypeOf(value); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, key);
      if (d && d.get && !key.startsWith("_")) names.add(key);
    }
  }
  return [...names];
}

export function encodeValue(value: unknown, hooks: EncodeHooks): Encoded {
  let nodes = 0;
  const stack = new Set<object>();
  const enc = (v: unknown, depth: number, budget: number): Encoded => {
    if (++nodes > budget) throw new ValueTransferError(`the value is too large to grade (more than ${MAX_NODES} parts)`);
    if (depth > MAX_DEPTH) throw new ValueTransferError(`the value is nested more than ${MAX_DEPTH} levels deep`);
    switch (typeof v) {
      case "undefined": return { $: "undefined" };
      case "boolean": return v;
      case "string":
        if (v.length > MAX_STRING) throw new ValueTransferError(`a string of ${v.length} characters is too long to grade`);
        return v;
      case "number":
        if (Number.isNaN(v) || !Number.isFinite(v) || Object.is(v, -0)) return { $: "number", v: Object.is(v, -0) ? "-0" : String(v) };
        return v;
      case "bigint": return { $: "bigint", v: v.toString() };
      case "symbol": return { $: "symbol", v: v.description ?? "" };
      case "function": return { $: "fn", h: hooks.handle(v), name: String((v as { name?: unknown }).name ?? "") };
    }
    if (v === null) return null;
    const o = v as object;
    if (stack.has(o)) return { $: "circular" };
    stack.add(o);
    try {
      if (Array.isArray(o)) {
        const out: Encoded[] = [];
        for (let i = 0; i < o.length; i++) out.push(enc(o[i], depth + 1, budget));
        return out;
      }
      if (ArrayBuffer.isView(o) && !(o instanceof DataView)) {
        const kind = o.constructor.name;
        const items = Array.from(o as unknown as ArrayLike<number | bigint>, (x) => (typeof x === "bigint" ? x.toString() : x));
        nodes += items.length;
        if (nodes > budget) throw new ValueTransferError(`the value is too large to grade (more than ${MAX_NODES} parts)`);
        return { $: "typed", kind, v: items.map((x) => (typeof x === "number" && !Number.isFinite(x) ? String(x) : x)) };
      }
      if (o instanceof Map) return { $: "map", v: [...o.entries()].map(([k, x]) => [enc(k, depth + 1, budget), enc(x, depth + 1, budget)]) };
      if (o instanceof Set) return { $: "set", v: [...o.values()].map((x) => enc(x, depth + 1, budget)) };
      if (o instanceof Date) return { $: "date", v: o.getTime() };
      if (o instanceof RegExp) return { $: "regexp", source: o.source, flags: o.flags };
      if (o instanceof Error) return { $: "error", name: String(o.name), message: String(o.message) };
      const fields = (target: object, names: string[], limit: number) => {
        const out: Record<string, Encoded> = {};
        for (const key of names) out[key] = enc((target as Record<string, unknown>)[key], depth + 1, limit);
        return out;
      };
      if (isPlainObject(o)) return { $: "object", v: fields(o, Object.keys(o), budget) };
      // A class instance: a handle, its methods, and (when small enough) a copy of its data.
      const handle = hooks.handle(o);
      const meta = { $: "instance", h: handle, name: String(o.constructor?.name ?? "Object"), methods: methodNames(o) };
      const before = nodes;
      try {
        const limit = Math.min(budget, nodes + MAX_INSTANCE_NODES);
        const getters: Record<string, Encoded> = {};
        for (const key of getterNames(o)) {
          try { getters[key] = enc((o as Record<string, unknown>)[key], depth + 1, limit); } catch (e) { if (e instanceof ValueTransferError) throw e; }
        }
        return { ...meta, v: fields(o, Object.keys(o), limit), getters };
      } catch (e) {
        if (!(e instanceof ValueTransferError)) throw e;
        nodes = before;
        return { ...meta, v: {}, getters: {}, partial: true };
      }
    } finally {
      stack.delete(o);
    }
  };
  return enc(value, 0, MAX_NODES);
}

/** Decodes a value from the other side. Hostile input gives a ValueTransferError, never code. */
export function decodeValue(data: unknown, hooks: DecodeHooks): unknown {
  let nodes = 0;
  const fail = (what: string): never => { throw new ValueTransferError(`malformed value from the kernel: ${what}`); };
  const define = (target: object, key: string, value: unknown, enumerable: boolean) =>
    Object.defineProperty(target, key, { value, enumerable, writable: true, configurable: true });
  const dec = (d: unknown, depth: number): unknown => {
    if (++nodes > MAX_NODES * 2) fail("too many parts");
    if (depth > MAX_DEPTH + 2) fail("nested too deep");
    if (d === null || typeof d === "boolean" || typeof d === "number" || typeof d === "string") return d;
    if (Array.isArray(d)) return d.map((x) => dec(x, depth + 1));
    if (typeof d !== "object") return fail(typeof d);
    const r = d as Record<string, unknown>;
    switch (r.$) {
      case "undefined": return undefined;
      case "number": return r.v === "-0" ? -0 : Number(String(r.v));
      case "bigint": return /^-?\d+$/.test(String(r.v)) ? BigInt(String(r.v)) : fail("bigint");
      case "symbol": return Symbol(String(r.v));
      case "circular": return "[Circular]";
      case "date": return new Date(Number(r.v));
      case "regexp": try { return new RegExp(String(r.source), String(r.flags)); } catch { return fail("regexp"); }
      case "error": { const e = new Error(String(r.message)); e.name = String(r.name); return e; }
      case "map": return new Map((Array.isArray(r.v) ? r.v : fail("map")).map((p: unknown) => (Array.isArray(p) && p.length === 2 ? [dec(p[0], depth + 1), dec(p[1], depth + 1)] : fail("map entry"))) as [unknown, unknown][]);
      case "set": return new Set((Array.isArray(r.v) ? r.v : fail("set")).map((x: unknown) => dec(x, depth + 1)));
      case "typed": {
        const kind = String(r.kind);
        if (!(TYPED_ARRAYS as readonly string[]).includes(kind) || !Array.isArray(r.v)) return fail("typed array");
        const Ctor = (globalThis as unknown as Record<string, new (items: unknown[]) => unknown>)[kind];
        const big = kind.startsWith("Big");
        return new Ctor((r.v as unknown[]).map((x) => (big ? BigInt(String(x)) : Number(x))));
      }
      case "object": {
        const out: Record<string, unknown> = {};
        const fields = r.v;
        if (!fields || typeof fields !== "object" || Array.isArray(fields)) return fail("object");
        // defineProperty: a key such as "__proto__" becomes a plain field, never a prototype.
        for (const key of Object.keys(fields)) define(out, key, dec((fields as Record<string, unknown>)[key], depth + 1), true);
        return out;
      }
      case "fn": case "instance": {
        const id = Number(r.h);
        if (!Number.isInteger(id) || id < 0) return fail("handle");
        const methods = Array.isArray(r.methods) ? r.methods.map(String).slice(0, 1000) : [];
        const value = hooks.fromHandle(id, r.$ === "fn" ? "fn" : "inst", { name: String(r.name ?? ""), methods });
        if (r.$ === "instance" && value && typeof value === "object") {
          const fields = r.v && typeof r.v === "object" && !Array.isArray(r.v) ? r.v as Record<string, unknown> : {};
          for (const key of Object.keys(fields)) define(value, key, dec(fields[key], depth + 1), true);
          const getters = r.getters && typeof r.getters === "object" && !Array.isArray(r.getters) ? r.getters as Record<string, unknown> : {};
          for (const key of Object.keys(getters)) if (!(key in value)) define(value, key, dec(getters[key], depth + 1), false);
        }
        return value;
      }
      case "handle": {
        const id = Number(r.h);
        return Number.isInteger(id) ? hooks.fromHandle(id, "inst", { name: "", methods: [] }) : fail("handle");
      }
      default: return fail(`unknown tag ${JSON.stringify(r.$)}`);
    }
  };
  return dec(data, 0);
}

/**
 * Encodes arguments going back to the kernel: values that came from it as handles return as
 * `{ $: "handle" }`, so a student's function receives its own object.
 */
export function encodeArguments(args: unknown[], handleOf: (value: unknown) => number | undefined): Encoded {
  const hooks: EncodeHooks = {
    handle: () => { throw new ValueTransferError("a test can pass only data, or values from the kernel, to the student's code"); },
  };
  const wrap = (v: unknown): Encoded => {
    const h = handleOf(v);
    if (h !== undefined) return { $: "handle", h };
    if (Array.isArray(v)) return v.map(wrap);
    if (v !== null && typeof v === "object" && isPlainObject(v)) {
      const out: Record<string, Encoded> = {};
      for (const key of Object.keys(v)) out[key] = wrap((v as Record<string, unknown>)[key]);
      return { $: "object", v: out };
    }
    return encodeValue(v, hooks);
  };
  return args.map(wrap);
}
