// Which valid name a misspelt one most likely meant, for errors that say "Did you mean …?".
import { closest, distance } from "fastest-levenshtein";

/**
 * The name in `valid` that `key` most likely meant: one that contains all its words
 * (`num_epochs` → `num_train_epochs`), else the nearest by edit distance if it is near enough.
 */
export function closestName(key: string, valid: readonly string[]): string | null {
  const words = key.toLowerCase().split("_").filter(Boolean);
  const containing = valid.filter((n) => words.every((w) => n.split("_").includes(w)));
  if (containing.length) return [...containing].sort((a, b) => a.length - b.length)[0];
  const nearest = closest(key, [...valid]);
  return distance(key, nearest) <= Math.max(3, Math.floor(key.length / 3)) ? nearest : null;
}
