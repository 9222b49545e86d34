import type { Tensor } from "./tensor";
import { pyExp, pyFixed } from "./pyformat";

// Printing like torch's `repr(tensor)`: one number format for the whole tensor (4 decimals, or
// scientific notation when magnitudes span too much, or "1." for whole floats), right-aligned to
// one width, rows wrapped at 80 columns, and `...` summaries for tensors over 1000 elements.

const PRECISION = 4;
const LINE_WIDTH = 80;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;

interface Formatter {
  width: number;
  format(v: number | boolean): string;
}

const sciString = (v: number) => pyExp(v, PRECISION);

function specialString(v: number): string | null {
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  return null;
}

/** torch's _Formatter: float widths come from the nonzero finite values only. */
function makeFormatter(t: Tensor, values: number[]): Formatter {
  if (t.dtype === "bool") return { width: 5, format: (v) => (v ? "True" : "False") };
  if (t.dtype === "int64" || t.dtype === "int32") {
    const width = Math.max(1, ...values.map((v) => String(v).length));
    return { width, format: (v) => String(v) };
  }
  const nonzero = values.filter((v) => Number.isFinite(v) && v !== 0);
  const abs = nonzero.map(Math.abs);
  const maxAbs = Math.max(...abs);
  const minAbs = Math.min(...abs);
  let fmt: (v: number) => string = (v) => pyFixed(v, PRECISION);
  let width = 1;
  if (nonzero.length > 0) {
    const intMode = nonzero.every((v) => Number.isInteger(v));
    const sci = intMode ? maxAbs / minAbs > 1000 || maxAbs > 1e8 : maxAbs / minAbs > 1000 || maxAbs > 1e8 || minAbs < 1e-4;
    if (sci) fmt = sciString;
    else if (intMode) fmt = (v) => `${pyFixed(v, 0)}.`;
    width = Math.max(1, ...nonzero.map((v) => fmt(v).length));
  } else {
    fmt = (v) => `${pyFixed(v, 0)}.`;
  }
  const format = (v: number | boolean) => specialString(v as number) ?? fmt(v as number);
  return { width, format };
}

function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Flat indices of the shown elements (all, or the summarised edges). */
function shownValues(t: Tensor, summarize: boolean): number[] {
  const out: number[] = [];
  const walk = (dim: number, offset: number) => {
    const n = t.shape[dim];
    const stride = product(t.shape.slice(dim + 1));
    const idx = summarize && n > 2 * EDGE_ITEMS ? [...Array(EDGE_ITEMS).keys(), ...Array.from({ length: EDGE_ITEMS }, (_, i) => n - EDGE_ITEMS + i)] : [...Array(n).keys()];
    for (const i of idx) {
      if (dim === t.shape.length - 1) out.push(readNumber(t, offset + i));
      else walk(dim + 1, offset + i * stride);
    }
  };
  if (t.shape.length === 0) return [readNumber(t, 0)];
  if (t.size > 0) walk(0, 0);
  return out;
}

function readNumber(t: Tensor, i: number): number {
  const v = t.data[i];
  return typeof v === "bigint" ? Number(v) : (v as number);
}

function formatBlock(t: Tensor, f: Formatter, summarize: boolean, dim: number, offset: number, indent: number): string {
  const n = t.shape[dim];
  const stride = product(t.shape.slice(dim + 1));
  const cut = summarize && n > 2 * EDGE_ITEMS;
  const idx = cut ? [...Array(EDGE_ITEMS).keys(), -1, ...Array.from({ length: EDGE_ITEMS }, (_, i) => n - EDGE_ITEMS + i)] : [...Array(n).keys()];
  if (dim === t.shape.length - 1) {
    // torch writes the elided run inside a row as " ...".
    const items = idx.map((i) => (i === -1 ? " ..." : f.format(t.dtype === "bool" ? t.data[offset + i] !== 0 : readNumber(t, offset + i)).padStart(f.width)));
    // Wrap like torch: as many elements per line as fit in the line width.
    const perLine = Math.max(1, Math.floor((LINE_WIDTH - indent) / (f.width + 2)));
    const lines: string[] = [];
    for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(", "));
    return `[${lines.join(",\n" + " ".repeat(indent + 1))}]`;
  }
  const sep = "," + "\n".repeat(t.shape.length - dim - 1) + " ".repeat(indent + 1);
  const parts = idx.map((i) => (i === -1 ? "..." : formatBlock(t, f, summarize, dim + 1, offset + i * stride, indent + 1)));
  return `[${parts.join(sep)}]`;
}

/** Appends `, suffix` items, starting a new line when the current one would pass 80 columns (torch's rule). */
function addSuffixes(body: string, suffixes: string[], indent: number): string {
  let out = body;
  let lastLineLen = body.length - body.lastIndexOf("\n") + 1;
  for (const suffix of suffixes) {
    if (lastLineLen + suffix.length + 2 > LINE_WIDTH) {
      out += `,\n${" ".repeat(indent)}${suffix}`;
      lastLineLen = indent + suffix.length;
    } else {
      out += `, ${suffix}`;
      lastLineLen += suffix.length + 2;
    }
  }
  return `${out})`;
}

/**
 * `tensor([[0.1000, 0.2000]])`, as torch prints it (dtype shown when not float32/int64/bool).
 * `extraSuffixes` go after the dtype, e.g. "requires_grad=True" for parameters.
 */
export function formatTensor(t: Tensor, extraSuffixes: string[] = []): string {
  const prefix = "tensor(";
  const suffixes: string[] = [];
  let body: string;
  if (t.size === 0) {
    body = "[]";
    if (t.shape.length !== 1) suffixes.push(`size=(${t.shape.join(", ")}${t.shape.length === 1 ? "," : ""})`);
  } else {
    const summarize = t.size > THRESHOLD;
    const f = makeFormatter(t, shownValues(t, summarize));
    body = t.shape.length === 0 ? f.format(t.dtype === "bool" ? t.data[0] !== 0 : readNumber(t, 0)) : formatBlock(t, f, summarize, 0, 0, prefix.length);
  }
  if (t.dtype === "float64" || t.dtype === "int32") suffixes.push(`dtype=torch.${t.dtype}`);
  suffixes.push(...extraSuffixes);
  return addSuffixes(prefix + body, suffixes, prefix.length);
}
