// Every task-head case of the transformers 5.18 fixtures (models/<name>/reference.json whose cases
// record outputs): the class the fixture names loads its weights and reproduces the logits and the
// loss. BERT and DistilBERT token classification and question answering are in the developer set;
// a held-out set of the same layout (HF5_REFERENCE_DIR) is run the same way.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { hf5Reference, hf5WeightsDir } from "../helpers/paths";
import { assertClose, loadModelNamed, toTensor, type RefTensor } from "./reference";
import { AutoModelForQuestionAnswering, AutoModelForTokenClassification } from "../../src/models";

interface HeadCase {
  id: string;
  inputs: Record<string, RefTensor>;
  labels?: RefTensor;
  start_positions?: RefTensor;
  end_positions?: RefTensor;
  outputs: Record<string, RefTensor | number>;
}

interface HeadReference {
  model_class: string;
  weights_dir: string;
  cases: HeadCase[];
}

// The README's comparison: 1e-5 relative, with a little absolute slack near zero.
const TOLERANCE = { rtol: 1e-5, atol: 1e-6 };
const modelsDir = path.join(hf5Reference, "models");
const references: [string, HeadReference][] = (fs.existsSync(modelsDir) ? fs.readdirSync(modelsDir).sort() : [])
  .filter((name) => fs.existsSync(path.join(modelsDir, name, "reference.json")))
  .map((name): [string, HeadReference] => [name, JSON.parse(fs.readFileSync(path.join(modelsDir, name, "reference.json"), "utf8"))])
  .filter(([, ref]) => Array.isArray(ref.cases) && ref.cases.some((c) => c.outputs !== undefined));

test("the hf5 reference set holds task-head cases", () => {
  assert.ok(references.length > 0, `no head cases under ${modelsDir}`);
});

const scalar = (value: number): RefTensor => ({ shape: [], dtype: "float32", data: [value] });

for (const [name, ref] of references) {
  test(`${name}: ${ref.model_class} reproduces ${ref.cases.length} cases (logits and loss)`, async () => {
    const model = await loadModelNamed(ref.model_class, hf5WeightsDir(ref.weights_dir));
    for (const c of ref.cases) {
      const inputs = Object.fromEntries(Object.entries(c.inputs).map(([k, v]) => [k, toTensor(v)]));
      const out = await model(inputs);
      let compared = 0;
      for (const [key, expected] of Object.entries(c.outputs)) {
        if (key === "loss") continue;
        assertClose(out[key], expected as RefTensor, `${c.id} ${key}`, TOLERANCE);
        compared++;
      }
      assert.ok(compared > 0, `${c.id}: no outputs recorded`);
      if (c.outputs.loss === undefined) continue;
      const targets = c.labels
        ? { labels: toTensor(c.labels) }
        : { start_positions: toTensor(c.start_positions!), end_positions: toTensor(c.end_positions!) };
      const withLoss = await model({ ...inputs, ...targets });
      assertClose(withLoss.loss, scalar(c.outputs.loss as number), `${c.id} loss`, TOLERANCE);
    }
  });
}

test("the Auto classes load DistilBERT token-classification and question-answering checkpoints", async () => {
  const tokcls = await AutoModelForTokenClassification.from_pretrained(hf5WeightsDir("shared/fixtures/hf5-reference/models/distilbert-tokcls"));
  assert.equal(tokcls.constructor.name, "DistilBertForTokenClassification");
  const qa = await AutoModelForQuestionAnswering.from_pretrained(hf5WeightsDir("shared/fixtures/hf5-reference/models/distilbert-qa"));
  assert.equal(qa.constructor.name, "DistilBertForQuestionAnswering");
});
