import type { DType } from "../tensor";
import { DTypeError } from "./errors";

/** ONNX TensorProto.DataType codes for the dtypes the engine uses. */
const CODES: Record<DType, number> = { float32: 1, int32: 6, int64: 7, bool: 9, float64: 11 };

export function onnxDType(dtype: DType): number {
  return CODES[dtype];
}

export function dtypeFromOnnx(code: number): DType {
  const found = (Object.keys(CODES) as DType[]).find((d) => CODES[d] === code);
  if (!found) throw new DTypeError(`ONNX data type ${code} is not supported (float32, float64, int32, int64 and bool are).`);
  return found;
}
