// The engine end to end on the reference training runs (every folder under training/): the
// first-step gradients and the whole AdamW run (weight-decay groups, warmup schedule, clipping)
// against PyTorch's recorded run, without the Trainer.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadModelNamed } from "../models/reference";
import { load_file } from "../../src/modeling";
import { AdamW, clip_grad_norm_, get_decay_parameter_names, get_scheduler, weight_decay_param_groups } from "../../src/optim";
import { Tensor } from "../../src/tensor";
import { isKeyBias, scheduleType, trainingDir, trainingRuns as runs } from "../helpers/training_runs";

const relClose = (a: number, b: number, rtol: number) => Math.abs(a - b) <= rtol * Math.abs(b);

for (const run of runs) {
  const dir = path.join(trainingDir, run);
  const log = JSON.parse(fs.readFileSync(path.join(dir, "training_log.json"), "utf8"));
  const load = () => loadModelNamed(log.spec.model_class, path.join(dir, "initial"));

  function batch(rows: [number, number]): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const key of ["input_ids", "attention_mask", "token_type_ids", "labels"]) {
      const col = log.dataset[key];
      if (!col) continue;
      const width = col.shape.length > 1 ? col.shape[1] : 1;
      const data = BigInt64Array.from(col.data.slice(rows[0] * width, rows[1] * width).map((v: number) => BigInt(v)));
      out[key] = new Tensor(data, col.shape.length > 1 ? [rows[1] - rows[0], width] : [rows[1] - rows[0]], "int64");
    }
    return out;
  }

  test(`${run}: the first-step gradients match PyTorch's (grads_step1.safetensors)`, { skip: !fs.existsSync(path.join(dir, "grads_step1.safetensors")) && "no grads_step1.safetensors" }, async () => {
    const model = await load();
    model.train();
    const out = await model.forward_backward(batch(log.steps[0].batch_rows));
    assert.ok(relClose((out as unknown as { loss: Tensor }).loss.item(), log.first_backward.loss, 1e-4));
    const ref = load_file(path.join(dir, "grads_step1.safetensors"));
    const named: [string, any][] = model.named_parameters();
    assert.deepEqual(named.map(([n]) => n).sort(), Object.keys(ref).sort());
    const globalMax = Math.max(...Object.values(ref).map((t) => Math.max(...Array.from(t.data as Float32Array, Math.abs))));
    for (const [name, p] of named) {
      const want = ref[name].data as Float32Array;
      const got: Float32Array = p.grad!;
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

  test(`${run}: Trainer's weight-decay rule picks the fixture's parameter groups`, async () => {
    assert.deepEqual(get_decay_parameter_names(await load()), log.spec.optimizer.decay_param_names);
  });

  test(`${run}: every AdamW step reproduces PyTorch's loss, grad norm and learning rate, and the final weights`, async () => {
    const model = await load();
    model.train();
    const spec = log.spec.optimizer;
    const opt = new AdamW(weight_decay_param_groups(model, spec.weight_decay), { lr: spec.lr, betas: spec.betas, eps: spec.eps });
    const sched = get_scheduler(scheduleType(log.spec.scheduler.fn), opt, { num_warmup_steps: log.spec.scheduler.num_warmup_steps ?? 0, num_training_steps: log.spec.scheduler.num_training_steps });
    const maxNorm = log.spec.max_grad_norm ?? 1.0;
    for (const step of log.steps) {
      const out = (await model.forward_backward(batch(step.batch_rows))) as unknown as { loss: Tensor };
      assert.ok(relClose(out.loss.item(), step.loss, 1e-4), `step ${step.step}: loss ${out.loss.item()} vs ${step.loss}`);
      const norm = clip_grad_norm_(model.parameters(), maxNorm);
      assert.ok(relClose(norm, step.grad_norm_before_clip, 1e-4), `step ${step.step}: grad norm ${norm} vs ${step.grad_norm_before_clip}`);
      assert.ok(Math.abs(opt.param_groups[0].lr - step.lr) <= 1e-12);
      opt.step();
      sched.step();
      opt.zero_grad();
    }
    const final = load_file(path.join(dir, "final", "model.safetensors"));
    let worst = 0;
    for (const [name, p] of model.named_parameters() as [string, any][]) {
      const want = final[name].data as Float32Array;
      let w = 0;
      for (let i = 0; i < want.length; i++) w = Math.max(w, Math.abs(p.data[i] - want[i]));
      if (isKeyBias(name)) assert.ok(w <= spec.lr * log.steps.length, `${name} moved ${w}, more than lr × steps`);
      else worst = Math.max(worst, w);
    }
    assert.ok(worst <= 1e-4, `largest final weight difference ${worst}`);
    await model.release_programs();
  });
}
