import { GraphValue } from "../engine/graph";
import { dropout } from "../engine/ops/dropout";
import { Module } from "./module";
import { pyFloat } from "./repr";

/** Zeroes each element with probability p in training mode and rescales the rest by 1/(1−p). */
export class Dropout extends Module {
  constructor(readonly p = 0.5) {
    super();
  }

  forward(x: GraphValue): GraphValue {
    return dropout(x, this.p, this.training);
  }

  override extra_repr(): string {
    return `p=${pyFloat(this.p)}, inplace=False`;
  }
}
