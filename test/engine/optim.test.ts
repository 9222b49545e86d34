import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { Parameter } from "../../src/nn";
import { AdamW, SGD, clip_grad_norm_, get_linear_schedule_with_warmup, get_cosine_schedule_with_warmup, get_constant_schedule_with_warmup, Optimizer, LambdaLR } from "../../src/optim";
import { Generator } from "../../src/utils/random";
import { hfReference } from "../helpers/paths";
import { PYTHON, systemComponent } from "../helpers/system";

const torch = systemComponent("python3-torch", [PYTHON, "-c", "import torch"], "apt-get install python3-torch");

/** Two parameters, and a fixed sequence of gradients for them (the same numbers go to PyTorch). */
function makeCase(steps: number) {
  const gen = new Generator(7);
  const shapes = [[4, 3], [3]];
  const init = shapes.map((s) => Array.from(gen.fill_normal(new Float32Array(s[0] * (s[1] ?? 1)))));
  const grads = Array.from({ length: steps }, () => shapes.map((s) => Array.from(gen.fill_normal(new Float32Array(s[0] * (s[1] ?? 1)), 0, 2))));
  return { shapes, init, grads };
}

function params(c: ReturnType<typeof makeCase>): Parameter[] {
  return c.shapes.map((s, i) => new Parameter(Float32Array.from(c.init[i]), s));
}

type Run = { params: number[][]; lrs: number[]; norms: number[] };

function runOurs(c: ReturnType<typeof makeCase>, kind: "adamw" | "sgd"): Run {
  const ps = params(c);
  const opt: Optimizer =
    kind === "adamw"
      ? new AdamW([{ params: [ps[0]], weight_decay: 0.01 }, { params: [ps[1]], weight_decay: 0 }], { lr: 5e-2, betas: [0.9, 0.999], eps: 1e-8 })
      : new SGD([{ params: [ps[0]], weight_decay: 0.01 }, { params: [ps[1]] }], { lr: 5e-2, momentum: 0.9, nesterov: true });
  const sched = get_linear_schedule_with_warmup(opt, 2, c.grads.length);
  const lrs: number[] = [];
  const norms: number[] = [];
  for (const g of c.grads) {
    ps.forEach((p, i) => (p.grad = Float32Array.from(g[i])));
    norms.push(clip_grad_norm_(ps, 1.0));
    lrs.push(opt.param_groups[0].lr);
    opt.step();
    sched.step();
    opt.zero_grad();
  }
  return { params: ps.map((p) => Array.from(p.data)), lrs, norms };
}

const TORCH_SCRIPT = `
import json, sys, torch
torch.set_num_threads(1)
c = json.load(sys.stdin)
out = {}
for kind in ["adamw", "sgd"]:
    ps = [torch.nn.Parameter(torch.tensor(v, dtype=torch.float32).reshape(s)) for v, s in zip(c["init"], c["shapes"])]
    if kind == "adamw":
        opt = torch.optim.AdamW([{"params": [ps[0]], "weight_decay": 0.01}, {"params": [ps[1]], "weight_decay": 0.0}], lr=5e-2, betas=(0.9, 0.999), eps=1e-8)
    else:
        opt = torch.optim.SGD([{"params": [ps[0]], "weight_decay": 0.01}, {"params": [ps[1]]}], lr=5e-2, momentum=0.9, nesterov=True)
    n = len(c["grads"])
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: s / max(1, 2) if s < 2 else max(0.0, (n - s) / max(1, n - 2)))
    lrs, norms = [], []
    for g in c["grads"]:
        for p, v, s in zip(ps, g, c["shapes"]):
            p.grad = torch.tensor(v, dtype=torch.float32).reshape(s)
        norms.append(float(torch.nn.utils.clip_grad_norm_(ps, 1.0)))
        lrs.append(opt.param_groups[0]["lr"])
        opt.step(); sched.step(); opt.zero_grad()
    out[kind] = {"params": [p.detach().reshape(-1).tolist() for p in ps], "lrs": lrs, "norms": norms}
print(json.dumps(out))
`;

test("AdamW and SGD (with groups, linear warmup schedule and clipping) match torch.optim step for step", { skip: torch.skip }, () => {
  const c = makeCase(8);
  const r = spawnSync(PYTHON, ["-c", TORCH_SCRIPT], { input: JSON.stringify(c), encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const ref = JSON.parse(r.stdout) as Record<"adamw" | "sgd", Run>;
  for (const kind of ["adamw", "sgd"] as const) {
    const ours = runOurs(c, kind);
    assert.deepEqual(ours.lrs, ref[kind].lrs, `${kind} learning rates`);
    ours.norms.forEach((n, i) => assert.ok(Math.abs(n - ref[kind].norms[i]) <= 1e-6 * ref[kind].norms[i], `${kind} grad norm ${i}: ${n} vs ${ref[kind].norms[i]}`));
    ours.params.flat().forEach((v, i) => {
      const t = ref[kind].params.flat()[i];
      // AdamW follows torch's kernels operation by operation and matches bit for bit; SGD within 1 ulp.
      const tol = kind === "adamw" ? 0 : 2e-6 * Math.max(1, Math.abs(t));
      assert.ok(Math.abs(v - t) <= tol, `${kind} parameter value ${i}: ${v} vs torch ${t}`);
    });
  }
});

test("the linear warmup schedule gives the training fixture's learning rates", () => {
  const log = JSON.parse(fs.readFileSync(path.join(hfReference, "training", "bert-seqcls-train", "training_log.json"), "utf8"));
  const opt = new AdamW([Parameter.zeros([1])], { lr: log.spec.optimizer.lr });
  const sched = get_linear_schedule_with_warmup(opt, 2, log.steps.length);
  for (const s of log.steps) {
    assert.ok(Math.abs(opt.param_groups[0].lr - s.lr) <= 1e-12, `step ${s.step}: lr ${opt.param_groups[0].lr} vs ${s.lr}`);
    sched.step();
    assert.ok(Math.abs(sched.get_last_lr()[0] - s.lr_after_scheduler_step) <= 1e-12);
  }
});

test("cosine and constant schedules follow transformers' formulas", () => {
  const opt = new SGD([Parameter.zeros([1])], { lr: 1 });
  const cos = get_cosine_schedule_with_warmup(opt, 2, 10);
  const seen = [opt.param_groups[0].lr];
  for (let i = 0; i < 10; i++) {
    cos.step();
    seen.push(opt.param_groups[0].lr);
  }
  assert.deepEqual(seen.slice(0, 3), [0, 0.5, 1]);
  assert.ok(Math.abs(seen[6] - 0.5) < 1e-12);
  assert.equal(seen[10], 0);
  const opt2 = new SGD([Parameter.zeros([1])], { lr: 2 });
  const constant = get_constant_schedule_with_warmup(opt2, 4);
  const lrs = [opt2.param_groups[0].lr];
  for (let i = 0; i < 5; i++) {
    constant.step();
    lrs.push(opt2.param_groups[0].lr);
  }
  assert.deepEqual(lrs, [0, 0.5, 1, 1.5, 2, 2]);
});

test("optimizer and scheduler state saved mid-run restore to bit-identical continuation", () => {
  const c = makeCase(10);
  const setup = () => {
    const ps = params(c);
    const opt = new AdamW([{ params: [ps[0]], weight_decay: 0.1 }, { params: [ps[1]], weight_decay: 0 }], { lr: 1e-2 });
    const sched = get_linear_schedule_with_warmup(opt, 3, 10);
    return { ps, opt, sched };
  };
  const stepWith = (s: { ps: Parameter[]; opt: Optimizer; sched: LambdaLR }, g: number[][]) => {
    s.ps.forEach((p, i) => (p.grad = Float32Array.from(g[i])));
    clip_grad_norm_(s.ps, 1.0);
    s.opt.step();
    s.sched.step();
    s.opt.zero_grad();
  };
  const straight = setup();
  c.grads.forEach((g) => stepWith(straight, g));

  const first = setup();
  c.grads.slice(0, 4).forEach((g) => stepWith(first, g));
  const saved = { opt: first.opt.state_dict(), sched: first.sched.state_dict(), weights: first.ps.map((p) => new Float32Array(p.data)) };
  // Keep stepping the original: the saved copy must not change.
  stepWith(first, c.grads[4]);

  const resumed = setup();
  resumed.ps.forEach((p, i) => (p.data = new Float32Array(saved.weights[i])));
  resumed.opt.load_state_dict(saved.opt);
  resumed.sched.load_state_dict(saved.sched);
  c.grads.slice(4).forEach((g) => stepWith(resumed, g));
  resumed.ps.forEach((p, i) => assert.deepEqual(Array.from(p.data), Array.from(straight.ps[i].data)));
  assert.equal(resumed.opt.param_groups[0].lr, straight.opt.param_groups[0].lr);
});
