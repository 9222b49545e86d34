import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "./files";
import type { PreTrainedTokenizer } from "./tokenization_utils";

/**
 * Writes a tokenizer in the Hub's layout: tokenizer.json (the whole pipeline, loadable by the Rust
 * and JS tokenizers), tokenizer_config.json, special_tokens_map.json, added_tokens.json when tokens
 * were added, and the slow vocabulary files. Returns the written paths.
 */
export function saveTokenizer(tokenizer: PreTrainedTokenizer, directory: string): string[] {
  if (fs.existsSync(directory) && !fs.statSync(directory).isDirectory()) {
    throw new Error(`Provided path (${directory}) should be a directory, not a file.`);
  }
  fs.mkdirSync(directory, { recursive: true });
  const written: string[] = [];
  const write = (name: string, value: unknown) => {
    const file = path.join(directory, name);
    writeFileAtomic(file, JSON.stringify(value, null, 2) + "\n");
    written.push(file);
  };
  write("tokenizer_config.json", sortKeys(tokenizer.toTokenizerConfig()));
  write("special_tokens_map.json", tokenizer.special_tokens_map);
  const added = tokenizer.get_added_vocab();
  if (Object.keys(added).length) write("added_tokens.json", added);
  written.push(...tokenizer.save_vocabulary(directory));
  const tokenizerJson = path.join(directory, "tokenizer.json");
  writeFileAtomic(tokenizerJson, JSON.stringify(tokenizer.toTokenizerJSON()));
  written.push(tokenizerJson);
  return written;
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
