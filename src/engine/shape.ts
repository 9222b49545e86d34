import { ShapeError, fmtShape } from "./errors";
import type { Dim, Shape } from "./types";

let unknownCounter = 0;
/** A fresh name for a dimension nobody can know before running (for example a Reshape with -1 over a dynamic input). */
export function unknownDim(): string {
  return `?${++unknownCounter}`;
}

export function isUnknown(d: Dim): boolean {
  return typeof d === "string" && d.startsWith("?");
}

/** Numpy broadcasting of two shapes. Named dims are assumed equal to each other and never 1. */
export function broadcastShapes(op: string, a: Shape, b: Shape): Shape {
  const rank = Math.max(a.length, b.length);
  const out: Shape = [];
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    if (da === db) out.push(da);
    else if (da === 1) out.push(db);
    else if (db === 1) out.push(da);
    else if (typeof da === "number" && typeof db === "number") {
      throw new ShapeError(`${op}: shapes ${fmtShape(a)} and ${fmtShape(b)} cannot be broadcast together (dimension ${i}: ${da} vs ${db}).`);
    } else if (typeof da === "number") out.push(da);
    else if (typeof db === "number") out.push(db);
    else out.push(isUnknown(da) ? db : da);
  }
  return out;
}

export function normAxis(op: string, axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) throw new ShapeError(`${op}: axis ${axis} is out of range for a tensor of rank ${rank}.`);
  return a;
}

/** The number of elements if every dim is a number, else null. */
export function staticSize(shape: Shape): number | null {
  let n = 1;
  for (const d of shape) {
    if (typeof d !== "number") return null;
    n *= d;
  }
  return n;
}
