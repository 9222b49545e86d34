// Every generation case of the transformers 5.18 fixtures (models/<name>/reference.json whose
// cases have a `kind`): beam search with num_beams, length_penalty, early_stopping and
// num_return_sequences, and greedy search with repetition penalties, token for token, with the
// beams' sequences_scores. The text-generation pipeline gives the same beams. A held-out set of
// the same layout (HF5_REFERENCE_DIR) runs the same way.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { GPT2LMHeadModel, GenerationOptionError, Tensor, pipeline } from "../../src";
import { AutoTokenizer } from "../../src/tokenization";
import { hf5Reference, hf5WeightsDir } from "../helpers/paths";

interface GenerateCase {
  id: string;
  kind: "beam_search" | "greedy";
  prompt: string;
  input_ids: number[];
  generate_kwargs: Record<string, unknown>;
  sequences: number[][];
  decoded: string[];
  sequences_scores?: number[];
}

const modelsDir = path.join(hf5Reference, "models");
const references = (fs.existsSync(modelsDir) ? fs.readdirSync(modelsDir).sort() : [])
  .filter((name) => fs.existsSync(path.join(modelsDir, name, "reference.json")))
  .map((name) => ({ name, ref: JSON.parse(fs.readFileSync(path.join(modelsDir, name, "reference.json"), "utf8")) as { weights_dir: string; cases: GenerateCase[] } }))
  .filter(({ ref }) => Array.isArray(ref.cases) && ref.cases.some((c) => c.kind !== undefined));

test("the hf5 reference set holds generation cases", () => {
  assert.ok(references.length > 0, `no generation cases under ${modelsDir}`);
});

for (const { name, ref } of references) {
  for (const kind of ["beam_search", "greedy"] as const) {
    const cases = ref.cases.filter((c) => c.kind === kind);
    if (cases.length === 0) continue;
    test(`${name}: ${cases.length} ${kind} cases, token for token`, async () => {
      const folder = hf5WeightsDir(ref.weights_dir);
      const model = await GPT2LMHeadModel.from_pretrained(folder);
      const tokenizer = await AutoTokenizer.from_pretrained(folder);
      for (const c of cases) {
        const input_ids = [c.input_ids];
        const out = await model.generate(input_ids, { ...c.generate_kwargs, attention_mask: [c.input_ids.map(() => 1)], return_dict_in_generate: true });
        assert.deepEqual(out.sequences.tolist(), c.sequences, `${c.id} ${JSON.stringify(c.generate_kwargs)}: sequences`);
        assert.deepEqual(tokenizer.batch_decode(out.sequences.tolist() as number[][], { skip_special_tokens: true }), c.decoded, `${c.id}: decoded`);
        if (c.sequences_scores) {
          const scores = Array.from((out as { sequences_scores: Tensor }).sequences_scores.data as Float32Array);
          c.sequences_scores.forEach((s, i) => assert.ok(Math.abs(scores[i] - s) <= 1e-6 + 1e-5 * Math.abs(s), `${c.id}: sequences_scores[${i}] ${scores[i]}, expected ${s}`));
        }
      }
    });
  }
}

test("beam search over a batch gives each prompt the beams it gets alone", async () => {
  const { ref } = references[0];
  const model = await GPT2LMHeadModel.from_pretrained(hf5WeightsDir(ref.weights_dir));
  // Prompts of one length searched with the same settings (no padding needed).
  const first = ref.cases.find((c) => c.kind === "beam_search")!;
  const same = ref.cases.filter((c) => c.kind === "beam_search" && c.input_ids.length === first.input_ids.length && JSON.stringify(c.generate_kwargs) === JSON.stringify(first.generate_kwargs));
  assert.ok(same.length >= 2, "two prompts of one length with the same settings");
  const out = await model.generate(same.map((c) => c.input_ids), { ...first.generate_kwargs, return_dict_in_generate: true });
  const rows = out.sequences.tolist() as number[][];
  const perPrompt = Number(first.generate_kwargs.num_return_sequences);
  const withoutPadding = (row: number[]) => row.slice(0, row.length - [...row].reverse().findIndex((v) => v !== 0));
  same.forEach((c, p) => c.sequences.forEach((expected, k) => assert.deepEqual(withoutPadding(rows[p * perPrompt + k]), withoutPadding(expected), `${c.id} beam ${k} in the batch`)));
});

test("text-generation with num_beams returns transformers' beams", async () => {
  const { ref } = references[0];
  const beamCase = ref.cases.find((c) => c.kind === "beam_search" && c.generate_kwargs.num_return_sequences === 2)!;
  const generator = await pipeline("text-generation", { model: hf5WeightsDir(ref.weights_dir) });
  const { do_sample, ...kwargs } = beamCase.generate_kwargs;
  const out = await generator(beamCase.prompt, { ...kwargs, do_sample: do_sample as boolean });
  assert.deepEqual(out.map((o: { generated_text: string }) => o.generated_text), beamCase.decoded);
});

test("unknown or unsupported generation options raise a GenerationOptionError naming the option", async () => {
  const { ref } = references[0];
  const model = await GPT2LMHeadModel.from_pretrained(hf5WeightsDir(ref.weights_dir));
  const prompt = [[330, 460, 553]];
  for (const [option, pattern] of [
    ["num_beam", /Unknown generation option num_beam\. Did you mean 'num_beams'\?/],
    ["diversity_penalty", /diversity_penalty is not supported/],
    ["output_scores", /output_scores is not supported/],
  ] as const) {
    await assert.rejects(model.generate(prompt, { max_new_tokens: 2, [option]: 1 } as never), (err: Error) => {
      assert.ok(err instanceof GenerationOptionError, `${option}: ${err}`);
      assert.equal((err as GenerationOptionError).option, option);
      assert.match(err.message, pattern);
      return true;
    });
  }
  await assert.rejects(model.generate(prompt, { num_beams: 2, num_return_sequences: 3 }), /smaller or equal to num_beams/);
  await assert.rejects(model.generate(prompt, { num_beams: 2, do_sample: true }), GenerationOptionError);
  const generator = await pipeline("text-generation", { model: hf5WeightsDir(ref.weights_dir) });
  await assert.rejects(generator("The man said", { max_new_tokens: 2, num_beam: 3 }), (err: Error) => err instanceof GenerationOptionError && /num_beam\b/.test(err.message));
});
