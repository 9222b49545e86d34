/** The element types a Tensor can hold, named as torch names them. */
export type DType = "float32" | "float64" | "int64" | "int32" | "bool";

export type TypedArrayFor<D extends DType> = D extends "float32"
  ? Float32Array
  : D extends "float64"
  ? Float64Array
  : D extends "int64"
  ? BigInt64Array
  : D extends "int32"
  ? Int32Array
  : Uint8Array;

export type AnyTypedArray = Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array;

/** Allocates a zero-filled typed array for a dtype. bool is stored one byte per element, as onnxruntime expects. */
export function allocate(dtype: DType, size: number): AnyTypedArray {
  switch (dtype) {
    case "float32":
      return new Float32Array(size);
    case "float64":
      return new Float64Array(size);
    case "int64":
      return new BigInt64Array(size);
    case "int32":
      return new Int32Array(size);
    case "bool":
      return new Uint8Array(size);
  }
}

/** The dtype whose storage is this typed array (bool and uint8 share Uint8Array; we read it as bool). */
export function dtypeOf(data: AnyTypedArray): DType {
  if (data instanceof Float32Array) return "float32";
  if (data instanceof Float64Array) return "float64";
  if (data instanceof BigInt64Array) return "int64";
  if (data instanceof Int32Array) return "int32";
  return "bool";
}
