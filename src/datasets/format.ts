// Output formats: `set_format("pt")` makes rows and batches come out as Tensors, as
// `datasets`' torch formatter does (integers → int64, floats → float32, strings unchanged).
import { Tensor, type DType } from "../tensor";
import { DatasetError } from "./errors";
import { ClassLabel, Sequence, Value, type FeatureType } from "./features";

export type FormatType = "python" | "pt" | "torch" | "np" | "numpy" | null;

export interface Format {
  type: FormatType;
  /** The columns the format applies to (null = all columns). */
  columns: string[] | null;
  /** Whether columns outside `columns` are still returned (unformatted). */
  output_all_columns: boolean;
}

export const PYTHON_FORMAT: Format = { type: null, columns: null, output_all_columns: false };

const KNOWN_TYPES = ["python", "pt", "torch", "np", "numpy"];

export function checkFormatType(type: unknown): FormatType {
  if (type === null || type === undefined) return null;
  if (typeof type === "string" && KNOWN_TYPES.includes(type)) return type as FormatType;
  throw new DatasetError(`Unknown format type ${JSON.stringify(type)}. Use one of "pt" (Tensors), "torch", "numpy", "python" or null.`);
}

function isTensorFormat(type: FormatType): boolean {
  return type === "pt" || type === "torch" || type === "np" || type === "numpy";
}

/** The tensor dtype a column's values become under a tensor format (null = leave the values as they are). */
function tensorDtype(feature: FeatureType | undefined): DType | null {
  if (!feature) return null;
  if (feature instanceof ClassLabel) return "int64";
  if (feature instanceof Sequence) return tensorDtype(feature.feature);
  if (feature instanceof Value) {
    if (feature.dtype.startsWith("int")) return "int64";
    if (feature.dtype.startsWith("float")) return "float32";
    if (feature.dtype === "bool") return "bool";
  }
  return null;
}

/** Converts one value (a row's cell, or a whole batch column) as the format asks. */
export function formatValue(value: unknown, feature: FeatureType | undefined, format: Format, column: string): unknown {
  if (!isTensorFormat(format.type)) return value;
  if (format.columns && !format.columns.includes(column)) return value;
  const dtype = tensorDtype(feature);
  if (dtype === null || value === null || value === undefined) return value;
  if (value instanceof Tensor) return value;
  if (Array.isArray(value) && !isRectangular(value)) {
    // Ragged lists come out as a list of tensors, as in Python.
    return value.map((v) => formatValue(v, feature instanceof Sequence ? feature.feature : feature, format, column));
  }
  return Tensor.from(value as never, dtype);
}

/** Whether nested arrays have one consistent shape (so they can become one tensor). */
function isRectangular(value: unknown[]): boolean {
  if (value.length === 0) return true;
  const first = value[0];
  if (!Array.isArray(first)) return value.every((v) => !Array.isArray(v));
  const len = first.length;
  for (const v of value) if (!Array.isArray(v) || v.length !== len || !isRectangular(v)) return false;
  return true;
}

/** Which columns a formatted row or batch contains. */
export function outputColumns(all: string[], format: Format): string[] {
  if (!format.columns || format.output_all_columns) return all;
  return all.filter((c) => format.columns!.includes(c));
}
