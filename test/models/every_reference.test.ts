// Every model folder in the reference fixtures (models/<name>/ with reference.json), whatever its
// name: the class it names loads its checkpoint and reproduces every recorded output. Cases added
// to the fixture set are picked up without changing this file.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { assertClose, loadModelNamed, modelsDir, reference, referenceInputs, toTensor, type RefTensor } from "./reference";

const cases = fs.existsSync(modelsDir)
  ? fs.readdirSync(modelsDir).filter((name) => fs.existsSync(path.join(modelsDir, name, "reference.json"))).sort()
  : [];

test("the reference fixtures hold model cases", () => {
  assert.ok(cases.length > 0, `no models/<name>/reference.json under ${modelsDir}`);
});

for (const name of cases) {
  test(`${name}: every recorded output is reproduced`, async () => {
    const ref = reference(name);
    const model = await loadModelNamed(ref.model_class, path.join(modelsDir, name));
    const inputs = referenceInputs(ref);
    const out = await model({ ...inputs, output_hidden_states: true, output_attentions: true });
    let compared = 0;
    for (const [key, expected] of Object.entries(ref.outputs)) {
      if (key === "loss") continue; // needs the labels, below
      if (key === "hidden_states" || key === "attentions") {
        const list = expected as RefTensor[];
        assert.equal(out[key]?.length, list.length, `${name} ${key}: count`);
        const tolerance = key === "attentions" ? { atol: 1e-5, rtol: 0 } : {};
        list.forEach((t, i) => assertClose(out[key][i], t, `${name} ${key}[${i}]`, tolerance));
      } else if (key === "past_key_values") {
        (expected as [RefTensor, RefTensor][]).forEach(([k, v], i) => {
          assertClose(out.past_key_values[i][0], k, `${name} past_key_values[${i}].key`);
          assertClose(out.past_key_values[i][1], v, `${name} past_key_values[${i}].value`);
        });
      } else {
        assertClose(out[key], expected as RefTensor, `${name} ${key}`);
      }
      compared++;
    }
    assert.ok(compared > 0, `${name}: the reference records no outputs`);
    if (ref.outputs.loss !== undefined) {
      assert.ok(ref.labels, `${name}: a loss is recorded without labels`);
      const withLoss = await model({ ...inputs, labels: toTensor(ref.labels!) });
      assertClose(withLoss.loss, ref.outputs.loss, `${name} loss`, { atol: 0, rtol: 1e-4 });
    }
    if (ref.greedy_generate) {
      const { input_ids, output_ids } = ref.greedy_generate;
      const generated = await model.generate(toTensor(input_ids), { max_new_tokens: output_ids.shape[1] - input_ids.shape[1] });
      assert.deepEqual(generated.tolist().flat(), output_ids.data, `${name}: greedy generation`);
    }
  });
}
