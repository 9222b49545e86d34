import { GraphValue } from "../engine/graph";
import { Module } from "./module";

/** A module with a `forward` taking and returning one value, as Sequential chains them. */
export interface ForwardModule extends Module {
  forward(x: GraphValue): GraphValue;
}

/** Runs its modules in order, each on the previous one's output, like torch.nn.Sequential. Children are named 0, 1, … */
export class Sequential extends Module {
  private readonly _layers: ForwardModule[];

  constructor(...layers: ForwardModule[]) {
    super();
    this._layers = layers;
    layers.forEach((m, i) => ((this as unknown as Record<string, Module>)[String(i)] = m));
  }

  get length(): number {
    return this._layers.length;
  }

  get(i: number): ForwardModule {
    return this._layers[i < 0 ? i + this._layers.length : i];
  }

  forward(x: GraphValue): GraphValue {
    return this._layers.reduce((h, m) => m.forward(h), x);
  }
}
