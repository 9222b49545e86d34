import type { DType } from "../tensor";
import type { Tensor } from "../tensor";

/** A dimension: a number when fixed, a name (like "batch" or "seq") when it is known only at run time. */
export type Dim = number | string;
export type Shape = Dim[];

export interface ValueInfo {
  dtype: DType;
  shape: Shape;
  /** For 1-D int64 values that hold a shape: the shape they hold, symbolically, when known. */
  shapeValue?: Shape;
}

/** An ONNX attribute with its type stated, since JS numbers do not say int or float. */
export type Attr =
  | { i: number }
  | { f: number }
  | { s: string }
  | { ints: number[] }
  | { floats: number[] }
  | { t: Tensor };

export type Attrs = Record<string, Attr>;

export const int = (i: number): Attr => ({ i });
export const float = (f: number): Attr => ({ f });
export const ints = (v: number[]): Attr => ({ ints: v });
