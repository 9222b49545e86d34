import type { Graph, GraphNode, GraphValue } from "./graph";
import type { Attrs, ValueInfo } from "./types";

/** What a gradient rule receives: the forward node, and the gradient flowing into each of its outputs. */
export interface GradContext {
  node: GraphNode;
  inputs: (GraphValue | null)[];
  outputs: GraphValue[];
  attrs: Attrs;
  /** Gradient of the loss with respect to each output (null where no gradient flows). */
  dys: (GraphValue | null)[];
  /** Which inputs need a gradient; rules may skip work for the others. */
  needs: boolean[];
  graph: Graph;
}

/**
 * One ONNX op as data: its shape/dtype rule and its gradient rule, side by side.
 * `grad` returns one gradient per input (null/undefined for inputs that get none, such as indices).
 * An op without `grad` is not differentiable; autodiff reports it if a gradient must pass through.
 */
export interface OpDef {
  type: string;
  domain?: string;
  infer(inputs: (ValueInfo | null)[], attrs: Attrs, op: string): ValueInfo[];
  grad?: (ctx: GradContext) => (GraphValue | null | undefined)[];
}

const registry = new Map<string, OpDef>();

function key(domain: string | undefined, type: string): string {
  return `${domain ?? ""}::${type}`;
}

export function defineOp(def: OpDef): OpDef {
  registry.set(key(def.domain, def.type), def);
  return def;
}

export function lookupOp(type: string, domain?: string): OpDef | undefined {
  return registry.get(key(domain, type));
}

export function registeredOps(): string[] {
  return [...registry.values()].map((d) => (d.domain ? `${d.domain}.${d.type}` : d.type)).sort();
}
