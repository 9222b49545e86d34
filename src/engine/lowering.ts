import type { Graph, GraphNode, GraphValue } from "./graph";

/**
 * Some ops have no onnxruntime kernel for some dtypes (float64 Erf and Gelu). Autodiff and the
 * gradient rules see the op itself; just before serialisation such a node is replaced by an
 * equivalent subgraph of ops that do run.
 */
export interface Lowering {
  applies(node: GraphNode): boolean;
  expand(g: Graph, inputs: GraphValue[], node: GraphNode): GraphValue[];
}

const lowerings = new Map<string, Lowering>();

export function defineLowering(opType: string, applies: Lowering["applies"], expand: Lowering["expand"]): void {
  lowerings.set(opType, { applies, expand });
}

/** Returns the node list with every lowerable node replaced (recursively) by its expansion. */
export function lowerNodes(g: Graph, nodes: GraphNode[]): GraphNode[] {
  const out: GraphNode[] = [];
  for (const node of nodes) {
    const rule = node.domain ? undefined : lowerings.get(node.opType);
    if (!rule || !rule.applies(node)) {
      out.push(node);
      continue;
    }
    const { nodes: emitted, result } = g.capture(() => rule.expand(g, node.inputs as GraphValue[], node));
    out.push(...lowerNodes(g, emitted));
    result.forEach((r, i) => out.push({ opType: "Identity", inputs: [r], outputs: [node.outputs[i]], attrs: {}, name: `${node.name}_lowered${i}` }));
  }
  return out;
}
