import { Tensor } from "../tensor";
import { ShapeError } from "./errors";
import type { Graph, GraphNode, GraphValue } from "./graph";
import { lowerNodes } from "./lowering";
import { onnxDType } from "./onnx_types";
import { encodeModel } from "./proto";
import type { Attr } from "./types";

export const OPSET = 20;
export const IR_VERSION = 9;

export interface SerializeOptions {
  /** Names → values the model returns, in order. */
  outputs: [string, GraphValue][];
  /** Parameters become initializers holding their current weights (export), instead of inputs. */
  weightsAsInitializers?: boolean;
}

export interface SerializedGraph {
  bytes: Uint8Array;
  /** Graph inputs the model actually reads, in order (run-time inputs, parameters, dropout masks). */
  inputs: GraphValue[];
}

function tensorProto(name: string, t: Tensor): Record<string, unknown> {
  const data = t.data;
  const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return { name, dims: t.shape, dataType: onnxDType(t.dtype), rawData: raw };
}

function valueInfo(name: string, v: GraphValue): Record<string, unknown> {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnxDType(v.dtype),
        shape: { dim: v.shape.map((d) => (typeof d === "number" ? { dimValue: d } : d.startsWith("?") ? {} : { dimParam: d })) },
      },
    },
  };
}

function attribute(name: string, a: Attr): Record<string, unknown> {
  if ("i" in a) return { name, type: 2, i: a.i };
  if ("f" in a) return { name, type: 1, f: a.f };
  if ("s" in a) return { name, type: 3, s: Buffer.from(a.s, "utf8") };
  if ("ints" in a) return { name, type: 7, ints: a.ints };
  if ("floats" in a) return { name, type: 6, floats: a.floats };
  return { name, type: 4, t: tensorProto("", a.t) };
}

/** The nodes needed to compute `targets`, in graph order. */
export function neededNodes(nodes: GraphNode[], targets: GraphValue[]): GraphNode[] {
  const need = new Set<GraphValue>(targets);
  const keep: GraphNode[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i];
    if (n.outputs.some((o) => need.has(o))) {
      keep.push(n);
      for (const x of n.inputs) if (x) need.add(x);
    }
  }
  return keep.reverse();
}

/** Serialises the part of `graph` that computes the requested outputs to ONNX ModelProto bytes. */
export function serializeGraph(graph: Graph, options: SerializeOptions): SerializedGraph {
  const targets = options.outputs.map(([, v]) => v);
  const nodes = lowerNodes(graph, neededNodes(graph.nodes, targets));
  const used = new Set<GraphValue>(targets);
  for (const n of nodes) for (const x of n.inputs) if (x) used.add(x);

  const inputs: GraphValue[] = [];
  const initializers: Record<string, unknown>[] = [];
  const seenConst = new Set<string>();
  for (const v of used) {
    if (v.kind === "constant") {
      if (!seenConst.has(v.name)) initializers.push(tensorProto(v.name, graph.constants.get(v.name)!));
      seenConst.add(v.name);
    } else if (v.kind === "parameter" && options.weightsAsInitializers) {
      const p = graph.parameters.get(v.name)!.param;
      initializers.push(tensorProto(v.name, new Tensor(p.peek(), p.shape, p.dtype)));
    } else if (v.kind !== "node") inputs.push(v);
  }
  const order = (v: GraphValue) => ({ input: 0, parameter: 1, dropout_mask: 2, constant: 3, node: 4 })[v.kind];
  inputs.sort((a, b) => order(a) - order(b));

  // Outputs get their public names through Identity nodes, so one value may be returned under two names.
  const outputNodes = options.outputs.map(([name, v]) => {
    if (v.graph !== graph) throw new ShapeError(`Output "${name}" belongs to another graph.`);
    return { input: [v.name], output: [name], opType: "Identity", name: `output_${name}` };
  });

  const model = {
    irVersion: IR_VERSION,
    producerName: "transformers-lab",
    opsetImport: [{ domain: "", version: OPSET }, { domain: "com.microsoft", version: 1 }],
    graph: {
      name: graph.name,
      node: [
        ...nodes.map((n) => ({
          input: trimTrailingEmpty(n.inputs.map((x) => (x ? x.name : ""))),
          output: n.outputs.map((o) => o.name),
          name: n.name,
          opType: n.opType,
          domain: n.domain ?? "",
          attribute: Object.entries(n.attrs)
            .filter(([k]) => !k.startsWith("_"))
            .map(([k, a]) => attribute(k, a)),
        })),
        ...outputNodes,
      ],
      initializer: initializers,
      input: inputs.map((v) => valueInfo(v.name, v)),
      output: options.outputs.map(([name, v]) => valueInfo(name, v)),
    },
  };
  return { bytes: encodeModel(model), inputs };
}

/** Omitted optional inputs are "" in ONNX; trailing ones are left out entirely, as some kernels require. */
function trimTrailingEmpty(names: string[]): string[] {
  let end = names.length;
  while (end > 0 && names[end - 1] === "") end--;
  return names.slice(0, end);
}
