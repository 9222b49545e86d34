import type { Tensor } from "./tensor";
import { formatTensor } from "./format";

const MAX_ROWS = 20;
const MAX_COLS = 20;

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function cell(t: Tensor, i: number): string {
  if (t.dtype === "bool") return t.data[i] ? "True" : "False";
  const v = t.data[i];
  if (typeof v === "bigint" || t.dtype === "int32") return String(v);
  const x = v as number;
  return Number.isInteger(x) ? `${x}.` : Math.abs(x) < 1e-4 || Math.abs(x) >= 1e8 ? x.toExponential(4) : x.toFixed(4);
}

/** Picks at most `max` indices of n, with a gap marker (-1) in the middle when cut. */
function pick(n: number, max: number): number[] {
  if (n <= max) return [...Array(n).keys()];
  const half = Math.floor(max / 2);
  return [...Array(half).keys(), -1, ...Array.from({ length: half }, (_, i) => n - half + i)];
}

/** An HTML table of a 0-, 1- or 2-D tensor (higher ranks: the first 2-D slices), with a caption. */
export function tensorHtml(t: Tensor): string {
  const caption = `<caption style="caption-side:top;text-align:left">tensor · shape [${t.shape.join(", ")}] · ${t.dtype}</caption>`;
  const style = `style="border-collapse:collapse;font-family:monospace;text-align:right"`;
  if (t.shape.length === 0) return `<table ${style}>${caption}<tr><td>${cell(t, 0)}</td></tr></table>`;
  const rows = t.shape.length === 1 ? 1 : t.shape[t.shape.length - 2];
  const cols = t.shape[t.shape.length - 1];
  const slices = t.shape.length <= 2 ? 1 : t.size / (rows * cols);
  const blocks: string[] = [];
  for (const s of pick(slices, 4)) {
    if (s === -1) {
      blocks.push(`<p>⋮</p>`);
      continue;
    }
    const base = s * rows * cols;
    const header = `<tr><th></th>${pick(cols, MAX_COLS).map((c) => `<th>${c === -1 ? "…" : c}</th>`).join("")}</tr>`;
    const body = pick(rows, MAX_ROWS)
      .map((r) => `<tr><th>${r === -1 ? "⋮" : t.shape.length === 1 ? "" : r}</th>${pick(cols, MAX_COLS).map((c) => `<td>${r === -1 || c === -1 ? "…" : cell(t, base + r * cols + c)}</td>`).join("")}</tr>`)
      .join("");
    const label = t.shape.length > 2 ? `<p>[${unravel(s, t.shape.slice(0, -2)).join(", ")}, :, :]</p>` : "";
    blocks.push(`${label}<table ${style}>${blocks.length === 0 ? caption : ""}${header}${body}</table>`);
  }
  return `<div>${blocks.join("")}</div>`;
}

function unravel(i: number, shape: number[]): number[] {
  const out: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    out.unshift(i % shape[d]);
    i = Math.floor(i / shape[d]);
  }
  return out;
}

export function tensorMimeBundle(t: Tensor): Record<string, unknown> {
  return { "text/plain": formatTensor(t), "text/html": tensorHtml(t) };
}

export { esc as escapeHtml };
