import type * as ortTypes from "onnxruntime-node";
import { Tensor } from "./tensor";
import { TensorError } from "./errors";
import type { DType } from "./dtype";

// onnxruntime-node is loaded only when a conversion is asked for, so importing the SDK stays light.
function ort(): typeof ortTypes {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require("onnxruntime-node");
}

/**
 * An onnxruntime tensor viewing the same memory (no copy). onnxruntime-node rejects data over a
 * SharedArrayBuffer, so such data is copied once.
 */
export function to_ort(t: Tensor): ortTypes.Tensor {
  const data = t.data.buffer instanceof ArrayBuffer ? t.data : t.data.slice();
  return new (ort().Tensor)(t.dtype, data as never, t.shape);
}

/** A Tensor viewing an onnxruntime tensor's data (no copy). */
export function from_ort(o: ortTypes.Tensor): Tensor {
  const known: DType[] = ["float32", "float64", "int64", "int32", "bool"];
  if (!known.includes(o.type as DType)) throw new TensorError(`onnxruntime tensor type ${o.type} has no Tensor dtype (supported: ${known.join(", ")}).`);
  return new Tensor(o.data as Float32Array, [...o.dims], o.type as DType);
}
