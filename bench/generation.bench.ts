// Generation benchmark on the bundled gpt2-tiny-brown: beam search with the key/value cache
// reordered to follow the beams, against recomputing every beam's whole sequence each step
// (use_cache: false), and greedy search against beam search.
import * as path from "node:path";
import { GPT2LMHeadModel } from "../src/models";
import { threadsLabel } from "./threads";
import { timeIt } from "./timing";
import { set_num_threads } from "../src/engine";

export async function main(): Promise<void> {
  set_num_threads(1); // one thread, so the numbers compare across machines and runs
  const model = await GPT2LMHeadModel.from_pretrained(path.join(__dirname, "..", "..", "models", "gpt2-tiny-brown"));
  const prompt = [[330, 460, 553]];
  // early_stopping "never" with no EOS: every run takes the full 32 steps.
  const beams = { num_beams: 4, max_new_tokens: 32, early_stopping: "never" as const, eos_token_id: null, pad_token_id: 0 };
  const cached = await timeIt(() => model.generate(prompt, beams), 3, 15);
  const recomputed = await timeIt(() => model.generate(prompt, { ...beams, use_cache: false }), 3, 15);
  const greedy = await timeIt(() => model.generate(prompt, { max_new_tokens: 32, eos_token_id: null, pad_token_id: 0 }), 3, 15);
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  console.log(`beam search 4 beams × 32 tokens (${threadsLabel(1)}): ours ${cached.toFixed(0)} ms | without cache ${recomputed.toFixed(0)} ms | ratio ${ratio(cached, recomputed)}`);
  console.log(`greedy vs 4-beam search, 32 tokens: greedy ${greedy.toFixed(0)} ms | beams ${cached.toFixed(0)} ms | ratio ${ratio(greedy, cached)}`);
}
