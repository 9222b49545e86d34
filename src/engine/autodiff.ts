import { GradientError, fmtShape } from "./errors";
import type { Graph, GraphNode, GraphValue } from "./graph";
import { lookupOp } from "./registry";

const FLOAT = new Set(["float32", "float64"]);

/**
 * Reverse-mode differentiation: adds to `loss`'s graph the nodes that compute d(loss)/d(x) for each
 * x in `wrt`, walking the forward nodes backwards and applying each op's gradient rule.
 * Returns one gradient per `wrt` entry (a zero tensor where the loss does not depend on it).
 */
export function gradients(loss: GraphValue, wrt: GraphValue[], seed?: GraphValue): GraphValue[] {
  const g: Graph = loss.graph;
  if (!FLOAT.has(loss.dtype)) throw new GradientError(`Cannot differentiate a ${loss.dtype} value (${loss.name}); the loss must be float32 or float64.`);

  // Nodes on a path from some wrt value to the loss.
  const fromWrt = new Set<GraphValue>(wrt);
  const forward: GraphNode[] = [];
  for (const n of g.nodes) {
    if (n.inputs.some((x) => x && fromWrt.has(x))) {
      forward.push(n);
      for (const o of n.outputs) fromWrt.add(o);
    }
  }
  const toLoss = new Set<GraphValue>([loss]);
  const path: GraphNode[] = [];
  for (let i = forward.length - 1; i >= 0; i--) {
    const n = forward[i];
    if (n.outputs.some((o) => toLoss.has(o))) {
      path.push(n);
      for (const x of n.inputs) if (x && fromWrt.has(x)) toLoss.add(x);
    }
  }

  // Contributions are collected and summed by one Sum node when first needed: a value used by
  // several ops (x feeding query, key and value) then costs one pass over memory, not a chain of Adds.
  const parts = new Map<GraphValue, GraphValue[]>();
  const accumulate = (v: GraphValue, d: GraphValue) => {
    const list = parts.get(v);
    if (list) list.push(d);
    else parts.set(v, [d]);
  };
  const total = (v: GraphValue): GraphValue | null => {
    const list = parts.get(v);
    if (!list) return null;
    if (list.length > 1) parts.set(v, [g.op("Sum", list)]);
    return parts.get(v)![0];
  };
  accumulate(loss, seed ?? g.op("Expand", [g.scalar(1, loss.dtype), g.op("Shape", [loss])]));

  for (const node of path) {
    const dys = node.outputs.map((o) => total(o));
    if (dys.every((d) => d === null)) continue;
    const needs = node.inputs.map((x) => !!x && toLoss.has(x) && FLOAT.has(x.dtype));
    if (!needs.some(Boolean)) continue;
    const def = lookupOp(node.opType, node.domain);
    if (!def?.grad) {
      throw new GradientError(`No gradient rule for ${node.opType} (node ${node.name}, inputs ${node.inputs.map((x) => (x ? fmtShape(x.shape) : "-")).join(", ")}). The loss depends on a parameter only through this op.`);
    }
    const dxs = def.grad({ node, inputs: node.inputs, outputs: node.outputs, attrs: node.attrs, dys, needs, graph: g });
    node.inputs.forEach((x, i) => {
      const d = dxs[i];
      if (x && needs[i] && d) accumulate(x, d);
    });
  }

  return wrt.map((w) => total(w) ?? g.op("Expand", [g.scalar(0, w.dtype), g.op("Shape", [w])]));
}
