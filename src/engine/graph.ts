import { DType, Tensor } from "../tensor";
import type { Parameter } from "../nn/parameter";
import { DTypeError, ShapeError, fmtShape } from "./errors";
import { lookupOp } from "./registry";
import type { Attrs, Dim, Shape, ValueInfo } from "./types";

export type ValueKind = "input" | "parameter" | "constant" | "node" | "dropout_mask";

/** One ONNX node in a graph. */
export interface GraphNode {
  opType: string;
  domain?: string;
  inputs: (GraphValue | null)[];
  outputs: GraphValue[];
  attrs: Attrs;
  name: string;
}

/** Where a dropout mask input comes from: its shape in graph dims and its drop probability. */
export interface DropoutMaskSpec {
  value: GraphValue;
  p: number;
}

/**
 * A symbolic tensor: a named value in a Graph with a dtype and a shape whose dims may be names.
 * Methods (`x.matmul(w)`, `x.add(b)` …) add nodes to the graph; nothing is computed until the
 * graph is compiled and run.
 */
export class GraphValue {
  constructor(
    readonly graph: Graph,
    readonly name: string,
    readonly dtype: DType,
    readonly shape: Shape,
    readonly kind: ValueKind,
    readonly producer: GraphNode | null = null,
    /** For 1-D int64 values that hold a shape (constants, Shape outputs): that shape, symbolically. */
    readonly shapeValue?: Dim[],
  ) {}

  get rank(): number {
    return this.shape.length;
  }

  toString(): string {
    return `GraphValue(${this.name}, ${this.dtype}, ${fmtShape(this.shape)})`;
  }
}

export interface GraphOptions {
  /** Parameters of this module get their state-dict names (`encoder.layer.0.attention.self.query.weight`). */
  module?: { named_parameters(): Iterable<[string, Parameter]> };
  /** Name shown in exported models. */
  name?: string;
}

/**
 * A symbolic graph of standard ONNX ops. Inputs are declared with `input`, a module's parameters
 * become graph inputs named by their state-dict names (so one compiled program serves every
 * training step), constants become initializers, and `output` names what a program returns.
 */
export class Graph {
  readonly nodes: GraphNode[] = [];
  readonly inputs: GraphValue[] = [];
  readonly parameters = new Map<string, { value: GraphValue; param: Parameter }>();
  readonly constants = new Map<string, Tensor>();
  readonly outputs = new Map<string, GraphValue>();
  readonly dropoutMasks: DropoutMaskSpec[] = [];
  readonly name: string;
  private readonly paramNames = new Map<Parameter, string>();
  private readonly paramValues = new Map<Parameter, GraphValue>();
  private readonly scalarCache = new Map<string, GraphValue>();
  private counter = 0;
  /** Where `emit` puts new nodes; `capture` swaps it to collect a subgraph without adding it. */
  private sink: GraphNode[] = this.nodes;

  constructor(options: GraphOptions = {}) {
    this.name = options.name ?? "graph";
    if (options.module) for (const [n, p] of options.module.named_parameters()) this.paramNames.set(p, n);
  }

  private fresh(prefix: string): string {
    return `${prefix}_${++this.counter}`;
  }

  /** Declares a run-time input. Dims may be names ("batch", "seq") for sizes that vary between runs. */
  input(name: string, dtype: DType, dims: Dim[]): GraphValue {
    if (this.inputs.some((v) => v.name === name)) throw new ShapeError(`Graph input "${name}" is declared twice.`);
    const v = new GraphValue(this, name, dtype, [...dims], "input");
    this.inputs.push(v);
    return v;
  }

  /** The graph value of a parameter, declared as a graph input named by its state-dict name. */
  param(p: Parameter): GraphValue {
    const existing = this.paramValues.get(p);
    if (existing) return existing;
    const name = this.paramNames.get(p) ?? this.fresh("param");
    const v = new GraphValue(this, name, p.dtype, [...p.shape], "parameter");
    this.paramValues.set(p, v);
    this.parameters.set(name, { value: v, param: p });
    return v;
  }

  /** A constant tensor stored in the model as an initializer. */
  constant(t: Tensor, name?: string): GraphValue {
    const n = name ?? this.fresh("const");
    this.constants.set(n, t);
    const shapeValue = t.dtype === "int64" && t.shape.length === 1 ? Array.from(t.data as BigInt64Array, Number) : undefined;
    return new GraphValue(this, n, t.dtype, [...t.shape], "constant", null, shapeValue);
  }

  /** A scalar constant (shape []), shared between uses of the same value and dtype. */
  scalar(value: number, dtype: DType = "float32"): GraphValue {
    const k = `${dtype}:${Object.is(value, -0) ? "-0" : value}`;
    let v = this.scalarCache.get(k);
    if (!v) {
      const t = Tensor.zeros([], dtype);
      if (dtype === "int64") (t.data as BigInt64Array)[0] = BigInt(value);
      else (t.data as Float32Array)[0] = value;
      v = this.constant(t);
      this.scalarCache.set(k, v);
    }
    return v;
  }

  /** A 1-D int64 constant, the form ONNX wants for shapes, axes and indices. */
  ints(values: number[]): GraphValue {
    return this.constant(new Tensor(BigInt64Array.from(values.map((x) => BigInt(x))), [values.length], "int64"));
  }

  /** A mask input the runner fills with seeded draws: `keep / (1 - p)` where kept, 0 where dropped. */
  dropoutMask(like: GraphValue, p: number): GraphValue {
    const v = new GraphValue(this, this.fresh("dropout_mask"), like.dtype, [...like.shape], "dropout_mask");
    this.dropoutMasks.push({ value: v, p });
    return v;
  }

  /** Names a value as a program output. */
  output(name: string, value: GraphValue): GraphValue {
    if (value.graph !== this) throw new ShapeError(`Output "${name}" belongs to another graph.`);
    this.outputs.set(name, value);
    return value;
  }

  /**
   * Adds one ONNX node. The op's registered shape rule computes the outputs' dtypes and shapes,
   * so mistakes surface here, naming the op and the shapes, rather than inside onnxruntime.
   */
  emit(opType: string, inputs: (GraphValue | null)[], attrs: Attrs = {}, options: { domain?: string } = {}): GraphValue[] {
    const def = lookupOp(opType, options.domain);
    if (!def) throw new ShapeError(`Op ${opType} is not defined in the engine.`);
    for (const x of inputs) {
      if (x && x.graph !== this) throw new ShapeError(`${opType}: input ${x.name} belongs to another graph. Build each forward pass in one Graph.`);
    }
    const infos = def.infer(inputs.map((x) => (x ? { dtype: x.dtype, shape: x.shape, shapeValue: x.shapeValue } : null)), attrs, opType);
    const node: GraphNode = { opType, domain: options.domain, inputs, outputs: [], attrs, name: this.fresh(opType) };
    node.outputs = infos.map((info, i) => new GraphValue(this, `${node.name}_out${i}`, info.dtype, info.shape, "node", node, info.shapeValue));
    this.sink.push(node);
    return node.outputs;
  }

  /** Runs `build` and returns the nodes it emitted, without adding them to this graph's node list. */
  capture<T>(build: () => T): { nodes: GraphNode[]; result: T } {
    const saved = this.sink;
    const nodes: GraphNode[] = [];
    this.sink = nodes;
    try {
      return { nodes, result: build() };
    } finally {
      this.sink = saved;
    }
  }

  /** `emit` for single-output ops. */
  op(opType: string, inputs: (GraphValue | null)[], attrs: Attrs = {}, options: { domain?: string } = {}): GraphValue {
    return this.emit(opType, inputs, attrs, options)[0];
  }
}

export function requireFloat(op: string, ...xs: ValueInfo[]): void {
  for (const x of xs) {
    if (x.dtype !== "float32" && x.dtype !== "float64") {
      throw new DTypeError(`${op} needs float32 or float64 inputs, got ${x.dtype} with shape ${fmtShape(x.shape)}. Cast it first, e.g. x.cast("float32").`);
    }
  }
}

export function requireSameDType(op: string, a: ValueInfo, b: ValueInfo): void {
  if (a.dtype !== b.dtype) {
    throw new DTypeError(`${op}: inputs have different dtypes (${a.dtype} ${fmtShape(a.shape)} and ${b.dtype} ${fmtShape(b.shape)}). Cast one of them first.`);
  }
}
