// Pearson and Spearman correlation, as scipy.stats.pearsonr / spearmanr give their statistic.
import { checkPairs } from "./labels";
import { MetricInputError } from "./errors";

function asNumbers(name: string, xs: readonly unknown[]): number[] {
  return xs.map((x, i) => {
    if (typeof x !== "number" || !Number.isFinite(x)) throw new MetricInputError(`${name}[${i}] is ${JSON.stringify(x)}; correlations need finite numbers.`);
    return x;
  });
}

/** NaN when either list is constant (scipy warns and returns nan). */
export function pearson(predictions: readonly unknown[], references: readonly unknown[]): number {
  checkPairs(predictions, references);
  const x = asNumbers("predictions", predictions);
  const y = asNumbers("references", references);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  x.forEach((xi, i) => {
    sxy += (xi - mx) * (y[i] - my);
    sxx += (xi - mx) ** 2;
    syy += (y[i] - my) ** 2;
  });
  if (sxx === 0 || syy === 0) return NaN;
  // Clamp rounding just outside [-1, 1], as scipy does.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Ranks from 1, ties sharing their average rank (scipy.stats.rankdata "average"). */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1][0] === order[start][0]) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k][1]] = rank;
    start = end + 1;
  }
  return ranks;
}

export function spearman(predictions: readonly unknown[], references: readonly unknown[]): number {
  checkPairs(predictions, references);
  return pearson(averageRanks(asNumbers("predictions", predictions)), averageRanks(asNumbers("references", references)));
}
