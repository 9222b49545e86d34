import { GraphValue } from "../engine/graph";
import "../engine/methods";
import { cross_entropy } from "../engine/ops/cross_entropy";

/** Mean squared error, as torch.nn.MSELoss(). */
export function mse_loss(input: GraphValue, target: GraphValue): GraphValue {
  const diff = input.sub(target);
  return diff.mul(diff).mean();
}

/**
 * Binary cross-entropy on logits, as torch.nn.BCEWithLogitsLoss(), in its stable form
 * max(x, 0) − x·y + log(1 + exp(−|x|)).
 */
export function binary_cross_entropy_with_logits(logits: GraphValue, target: GraphValue): GraphValue {
  const absolute = logits.relu().add(logits.neg().relu());
  return logits.relu().sub(logits.mul(target)).add(absolute.neg().exp().add(1).log()).mean();
}

export { cross_entropy };
