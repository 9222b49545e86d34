// The engine end to end on the shared training fixture: BERT's first-step gradients and a full
// 12-step AdamW run (weight-decay groups, linear warmup, clipping) against PyTorch's recorded run.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { BertForSequenceClassification } from "../../src/models";
import { load_file } from "../../src/modeling";
import { AdamW, clip_grad_norm_, get_decay_parameter_names, get_linear_schedule_with_warmup, weight_decay_param_groups } from "../../src/optim";
import { Tensor } from "../../src/tensor";
import { hfReference } from "../helpers/paths";

const dir = path.join(hfReference, "training", "bert-seqcls-train");
const log = JSON.parse(fs.readFileSync(path.join(dir, "training_log.json"), "utf8"));

function batch(rows: [number, number]): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const key of ["input_ids", "attention_mask", "token_type_ids", "labels"]) {
    const col = log.dataset[key];
    const width = col.shape.length > 1 ? col.shape[1] : 1;
    const data = BigInt64Array.from(col.data.slice(rows[0] * width, rows[1] * width).map((v: number) => BigInt(v)));
    out[key] = new Tensor(data, col.shape.length > 1 ? [rows[1] - rows[0], width] : [rows[1] - rows[0]], "int64");
  }
  return out;
}

/**
 * A key bias adds the same q·b to every score in a softmax row, which softmax ignores: its true
 * gradient is exactly 0 and both implementations only see rounding noise (which Adam then
 * normalises into lr-sized steps). Those tensors are checked against that bound instead.
 */
const isKeyBias = (name: string) => /attention\.self\.key\.bias$/.test(name);

const relClose = (a: number, b: number, rtol: number) => Math.abs(a - b) <= rtol * Math.abs(b);

test("BERT's first-step gradients match PyTorch's (grads_step1.safetensors)", async () => {
  const model = await BertForSequenceClassification.from_pretrained(path.join(dir, "initial"));
  model.train();
  const out = await model.forward_backward(batch(log.steps[0].batch_rows));
  assert.ok(relClose((out as unknown as { loss: Tensor }).loss.item(), log.first_backward.loss, 1e-4));
  const ref = load_file(path.join(dir, "grads_step1.safetensors"));
  const named = model.named_parameters();
  assert.deepEqual(named.map(([n]) => n).sort(), Object.keys(ref).sort());
  const globalMax = Math.max(...Object.values(ref).map((t) => Math.max(...Array.from(t.data as Float32Array, Math.abs))));
  for (const [name, p] of named) {
    const want = ref[name].data as Float32Array;
    const got = p.grad!;
    assert.ok(got, `no gradient for ${name}`);
    if (isKeyBias(name)) {
      got.forEach((g) => assert.ok(Math.abs(g) <= 1e-6 * globalMax, `${name} should be ~0, got ${g}`));
      continue;
    }
    const maxAbs = Math.max(...Array.from(want, Math.abs));
    for (let i = 0; i < want.length; i++) {
      assert.ok(Math.abs(got[i] - want[i]) <= 1e-5 * maxAbs + 1e-4 * Math.abs(want[i]), `${name}[${i}]: ${got[i]} vs ${want[i]}`);
    }
  }
  await model.release_programs();
});

test("Trainer's weight-decay rule picks the fixture's parameter groups", async () => {
  const model = await BertForSequenceClassification.from_pretrained(path.join(dir, "initial"));
  assert.deepEqual(get_decay_parameter_names(model), log.spec.optimizer.decay_param_names);
});

test("12 AdamW steps reproduce PyTorch's losses, grad norms, learning rates and final weights", async () => {
  const model = await BertForSequenceClassification.from_pretrained(path.join(dir, "initial"));
  model.train();
  const spec = log.spec.optimizer;
  const opt = new AdamW(weight_decay_param_groups(model, spec.weight_decay), { lr: spec.lr, betas: spec.betas, eps: spec.eps });
  const sched = get_linear_schedule_with_warmup(opt, 2, log.steps.length);
  for (const step of log.steps) {
    const out = (await model.forward_backward(batch(step.batch_rows))) as unknown as { loss: Tensor };
    assert.ok(relClose(out.loss.item(), step.loss, 1e-4), `step ${step.step}: loss ${out.loss.item()} vs ${step.loss}`);
    const norm = clip_grad_norm_(model.parameters(), 1.0);
    assert.ok(relClose(norm, step.grad_norm_before_clip, 1e-4), `step ${step.step}: grad norm ${norm} vs ${step.grad_norm_before_clip}`);
    assert.ok(Math.abs(opt.param_groups[0].lr - step.lr) <= 1e-12);
    opt.step();
    sched.step();
    opt.zero_grad();
  }
  const final = load_file(path.join(dir, "final", "model.safetensors"));
  let worst = 0;
  for (const [name, p] of model.named_parameters()) {
    const want = final[name].data as Float32Array;
    let w = 0;
    for (let i = 0; i < want.length; i++) w = Math.max(w, Math.abs(p.data[i] - want[i]));
    if (isKeyBias(name)) assert.ok(w <= spec.lr * log.steps.length, `${name} moved ${w}, more than lr × steps`);
    else worst = Math.max(worst, w);
  }
  assert.ok(worst <= 1e-4, `largest final weight difference ${worst}`);
  await model.release_programs();
});
