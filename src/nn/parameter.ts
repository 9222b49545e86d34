import { Tensor } from "../tensor";
import { TensorError } from "../tensor";
import { formatTensor } from "../tensor/format";
import { checkedElementCount } from "../utils/size_limits";

/**
 * A trainable weight: float32 values, a torch-like shape ([out, in] for Linear), and the gradient
 * of the last backward pass. The engine moves `data` into its worker for each run and puts the
 * returned buffer back, so read `param.data` afresh after an `await` instead of keeping a reference.
 */
/**
 * Versions are drawn from one process-wide counter, so the largest version among a graph's
 * parameters changes whenever any one of them may have changed.
 */
let lastVersion = 0;
const nextVersion = (): number => ++lastVersion;

export class Parameter {
  readonly shape: number[];
  readonly dtype = "float32" as const;
  requires_grad = true;
  /** The gradient from the last training step (same length as data), or null. */
  grad: Float32Array | null = null;
  private _data: Float32Array;
  private _versionValue = nextVersion();

  constructor(data: Float32Array | Tensor, shape?: readonly number[]) {
    const values = data instanceof Tensor ? data.data : data;
    const dims = shape ?? (data instanceof Tensor ? data.shape : [values.length]);
    if (!(values instanceof Float32Array)) throw new TensorError(`Parameter data must be float32, got ${data instanceof Tensor ? data.dtype : typeof values}.`);
    const size = dims.reduce((a, b) => a * b, 1);
    if (values.length !== size) throw new TensorError(`Parameter data has ${values.length} values but shape [${dims.join(", ")}] needs ${size}.`);
    this.shape = [...dims];
    this._data = ownBuffer(values);
  }

  static zeros(shape: readonly number[]): Parameter {
    return new Parameter(new Float32Array(checkedElementCount(shape, "Parameter.zeros(shape)", 4, "model")), shape);
  }

  /**
   * The values. Whoever holds this array can write into it, so every read counts as a possible
   * change (the `_version` moves on) and compiled inference sessions holding the old weights are
   * not used again. The engine's own reads use `peek()`.
   */
  get data(): Float32Array {
    this._versionValue = nextVersion();
    return this._data;
  }

  /** Replaces the values (same length). The array is copied if it shares its buffer with other data. */
  set data(values: Float32Array) {
    if (values.length !== this._data.length && this._data.length !== 0) {
      throw new TensorError(`Parameter of shape [${this.shape.join(", ")}] cannot take ${values.length} values.`);
    }
    this._data = ownBuffer(values);
    this._versionValue = nextVersion();
  }

  /**
   * Like torch's `tensor._version`: moves on at every possible change (an optimizer step,
   * `load_state_dict`, handing out `data`, `tensor()` or a `state_dict()` view).
   */
  get _version(): number {
    return this._versionValue;
  }

  /** The values for a reader that never writes into them (the engine, printing): not a change. */
  peek(): Float32Array {
    return this._data;
  }

  /** Puts back the buffer a run moved to the engine's worker (the same values): not a change. */
  restore(values: Float32Array): void {
    this._data = values;
  }

  /**
   * Moves the values into a new ArrayBuffer without copying, which detaches every array handed
   * out earlier: a write through an old handle can then never change the weights unseen.
   */
  detachHandles(): void {
    if (this._data.byteLength === 0) return;
    this._data = structuredClone(this._data, { transfer: [this._data.buffer as ArrayBuffer] });
  }

  get numel(): number {
    return this.shape.reduce((a, b) => a * b, 1);
  }

  /** A Tensor viewing the current values. */
  tensor(): Tensor {
    this._versionValue = nextVersion();
    return this.view();
  }

  private view(): Tensor {
    return new Tensor(this._data, this.shape, "float32");
  }

  /** Printed as torch prints a parameter: `Parameter containing:` and the values. */
  toString(): string {
    const suffix = this.requires_grad ? ["requires_grad=True"] : [];
    return `Parameter containing:\n${formatTensor(this.view(), suffix)}`;
  }

  _repr_mimebundle_(): Record<string, unknown> {
    const bundle = this.view()._repr_mimebundle_();
    return { ...bundle, "text/plain": this.toString() };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/**
 * The engine transfers parameter buffers between threads, which detaches the whole ArrayBuffer, so
 * each parameter must own a plain ArrayBuffer of exactly its size (a view into a safetensors file
 * buffer, or a SharedArrayBuffer that onnxruntime rejects, is copied once).
 */
function ownBuffer(values: Float32Array): Float32Array {
  const plain = values.buffer instanceof ArrayBuffer && values.byteOffset === 0 && values.byteLength === values.buffer.byteLength;
  return plain ? values : new Float32Array(values);
}
