// Every pipeline case of the transformers 5.18 fixtures (pipelines/<name>/reference.json), found by
// its `task`: zero-shot classification over an NLI model and token classification with each
// aggregation strategy. Labels, words, offsets and indices must match exactly, scores within the
// README's tolerance. A held-out set of the same layout (HF5_REFERENCE_DIR) runs the same way.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { pipeline } from "../../src/pipelines";
import { AutoTokenizer } from "../../src/tokenization";
import { hf5Reference, hf5WeightsDir, repoRoot } from "../helpers/paths";

interface PipelineReference {
  task: string;
  weights_dir: string;
  tokenizer: string;
  cases: { id: string; kwargs: Record<string, unknown>; expected: any; sequence?: string; text?: string }[];
}

const pipelinesDir = path.join(hf5Reference, "pipelines");
const references: [string, PipelineReference][] = (fs.existsSync(pipelinesDir) ? fs.readdirSync(pipelinesDir).sort() : [])
  .filter((name) => fs.existsSync(path.join(pipelinesDir, name, "reference.json")))
  .map((name): [string, PipelineReference] => [name, JSON.parse(fs.readFileSync(path.join(pipelinesDir, name, "reference.json"), "utf8"))]);

/** The README's float check: 1e-5 relative plus 1e-6 absolute. */
function assertScore(actual: number, expected: number, where: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-6 + 1e-5 * Math.abs(expected), `${where}: score ${actual}, expected ${expected}`);
}

/** "bundled models/bert-base-uncased (…)" → the repository's models/bert-base-uncased folder. */
function tokenizerFolder(description: string): string {
  const match = /models\/[\w.-]+/.exec(description);
  assert.ok(match, `no bundled tokenizer named in "${description}"`);
  return path.join(repoRoot, match[0]);
}

test("the hf5 reference set holds pipeline cases", () => {
  assert.ok(references.length > 0, `no pipelines/<name>/reference.json under ${pipelinesDir}`);
});

for (const [name, ref] of references) {
  test(`${name}: ${ref.cases.length} ${ref.task} cases match transformers 5`, async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(tokenizerFolder(ref.tokenizer));
    const pipe: any = await pipeline(ref.task, { model: hf5WeightsDir(ref.weights_dir), tokenizer: tokenizer as never });
    for (const c of ref.cases) {
      if (ref.task === "zero-shot-classification") {
        const got = await pipe(c.sequence, c.kwargs);
        assert.equal(got.sequence, c.expected.sequence, c.id);
        assert.deepEqual(got.labels, c.expected.labels, `${c.id}: label order`);
        c.expected.scores.forEach((s: number, i: number) => assertScore(got.scores[i], s, `${c.id} ${c.expected.labels[i]}`));
      } else if (ref.task === "token-classification") {
        const got = await pipe(c.text, c.kwargs);
        assert.equal(got.length, c.expected.length, `${c.id}: entity count`);
        c.expected.forEach((entity: Record<string, unknown>, i: number) => {
          const { score, ...exact } = entity;
          const { score: gotScore, ...gotExact } = got[i];
          assert.deepEqual(gotExact, exact, `${c.id} entity ${i}`);
          assertScore(gotScore, score as number, `${c.id} entity ${i}`);
        });
      } else {
        assert.fail(`${name}: no check written for task ${ref.task}`);
      }
    }
  });
}

test("zero-shot-classification: Python's call forms, lists of texts, and errors that say what to do", async () => {
  const tokenizer = await AutoTokenizer.from_pretrained(path.join(repoRoot, "models", "bert-base-uncased"));
  const classifier: any = await pipeline("zero-shot-classification", {
    model: hf5WeightsDir("shared/fixtures/hf5-reference/pipelines/zero-shot-nli-bert/model"),
    tokenizer: tokenizer as never,
  });
  assert.equal(classifier.entailment_id, 0);
  const text = "The stock market fell sharply today.";
  const byOption = await classifier(text, { candidate_labels: ["finance", "sports"] });
  assert.deepEqual(await classifier(text, ["finance", "sports"]), byOption);
  assert.deepEqual(await classifier(text, "finance, sports"), byOption);
  assert.ok(Math.abs(byOption.scores[0] + byOption.scores[1] - 1) < 1e-6, "competing labels share a probability of 1");
  const both = await classifier([text, "A goal in the last minute."], { candidate_labels: ["finance", "sports"] });
  assert.equal(both.length, 2);
  assert.deepEqual(both[0], byOption);
  const single = await classifier(text, ["finance"]);
  assert.ok(single.scores[0] > 0 && single.scores[0] < 1);

  await assert.rejects(classifier(text, { candidate_labels: [] }), /at least one label/);
  await assert.rejects(classifier(text, { candidate_labels: ["a"], hypothesis_template: "No slot here." }), /includes formatting syntax such as \{\}/);
  await assert.rejects(pipeline("zero-shot-classification"), (err: Error) => {
    assert.match(err.message, /pipeline\("zero-shot-classification", \{ model: "[^"]*distilbert[^"]*" \}/);
    return true;
  });
});
