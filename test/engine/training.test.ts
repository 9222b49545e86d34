// Acceptance for training through the engine: a small model reaches its known loss floor; the same
// seed gives identical losses; a run stopped and resumed from saved state continues identically.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Graph, Program, functional as F } from "../../src/engine";
import type { GraphValue } from "../../src/engine";
import { Dropout, Embedding, Linear, Module, Sequential, Tanh } from "../../src/nn";
import { AdamW, clip_grad_norm_, get_linear_schedule_with_warmup } from "../../src/optim";
import { Tensor } from "../../src/tensor";
import { Generator } from "../../src/utils/random";

class Classifier extends Module {
  embed: Embedding;
  dropout = new Dropout(0.2);
  hidden: Linear;
  out: Linear;
  constructor(gen: Generator) {
    super();
    this.embed = new Embedding(4, 16, { generator: gen });
    this.hidden = new Linear(16, 16, { generator: gen });
    this.out = new Linear(16, 3, { generator: gen });
  }
  forward(x: GraphValue): GraphValue {
    return this.out.forward(F.gelu(this.hidden.forward(this.dropout.forward(this.embed.forward(x)))));
  }
}

/** Inputs 0..3 with labels drawn from a fixed p(y|x): the best achievable loss is H(Y|X) of the sample. */
function dataset(n: number) {
  const table = [[0.8, 0.1, 0.1], [0.2, 0.6, 0.2], [1 / 3, 1 / 3, 1 / 3], [0.05, 0.05, 0.9]];
  const gen = new Generator(99);
  const xs: number[] = [];
  const ys: number[] = [];
  const counts = table.map(() => [0, 0, 0]);
  for (let i = 0; i < n; i++) {
    const x = gen.randint(4);
    const u = gen.uniform();
    const y = u < table[x][0] ? 0 : u < table[x][0] + table[x][1] ? 1 : 2;
    xs.push(x);
    ys.push(y);
    counts[x][y]++;
  }
  let floor = 0;
  for (const row of counts) {
    const total = row.reduce((a, b) => a + b, 0);
    for (const c of row) if (c > 0) floor -= (c / n) * Math.log(c / total);
  }
  const x = new Tensor(BigInt64Array.from(xs.map(BigInt)), [n], "int64");
  const y = new Tensor(BigInt64Array.from(ys.map(BigInt)), [n], "int64");
  return { x, y, floor };
}

async function programs(model: Classifier) {
  const build = (training: boolean) => {
    model.train(training);
    const g = new Graph({ module: model, name: training ? "train" : "eval" });
    const x = g.input("x", "int64", ["batch"]);
    const y = g.input("y", "int64", ["batch"]);
    g.output("loss", F.cross_entropy(model.forward(x), y));
    return g;
  };
  const train = await Program.compile(build(true), { backward: { loss: "loss" } });
  const evaluate = await Program.compile(build(false));
  return { train, evaluate, release: () => Promise.all([train.release(), evaluate.release()]) };
}

interface Run {
  model: Classifier;
  opt: AdamW;
  sched: ReturnType<typeof get_linear_schedule_with_warmup>;
  dropoutGen: Generator;
}

function setup(seed: number, dropoutSeed: number, steps: number): Run {
  const model = new Classifier(new Generator(seed));
  const opt = new AdamW(model.parameters(), { lr: 0.05, weight_decay: 0 });
  return { model, opt, sched: get_linear_schedule_with_warmup(opt, 5, steps), dropoutGen: new Generator(dropoutSeed) };
}

async function train(run: Run, data: ReturnType<typeof dataset>, steps: number): Promise<number[]> {
  const p = await programs(run.model);
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const r = await p.train.run({ x: data.x, y: data.y }, { generator: run.dropoutGen });
    losses.push(r.loss.item());
    clip_grad_norm_(run.model.parameters(), 1.0);
    run.opt.step();
    run.sched.step();
    run.opt.zero_grad();
  }
  await p.release();
  return losses;
}

test("a small classifier trained through the engine reaches the data's loss floor H(Y|X)", async () => {
  const data = dataset(512);
  const run = setup(1, 2, 200);
  const losses = await train(run, data, 200);
  const p = await programs(run.model);
  const evalLoss = (await p.evaluate.run({ x: data.x, y: data.y })).loss.item();
  await p.release();
  assert.ok(losses[0] > data.floor + 0.2, `starts above the floor (${losses[0]} vs ${data.floor})`);
  assert.ok(evalLoss - data.floor < 0.01 && evalLoss >= data.floor - 1e-4, `eval loss ${evalLoss}, floor ${data.floor}`);
});

test("the same seeds give identical losses; another dropout seed gives different ones", async () => {
  const data = dataset(128);
  const a = await train(setup(5, 6, 15), data, 15);
  const b = await train(setup(5, 6, 15), data, 15);
  const c = await train(setup(5, 7, 15), data, 15);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test("a run stopped and resumed from saved state continues identically", async () => {
  const data = dataset(128);
  const straight = setup(11, 12, 20);
  const full = await train(straight, data, 20);

  const first = setup(11, 12, 20);
  const head = await train(first, data, 8);
  const saved = {
    weights: Object.fromEntries(Object.entries(first.model.state_dict()).map(([k, t]) => [k, new Float32Array(t.data as Float32Array)])),
    optimizer: first.opt.state_dict(),
    scheduler: first.sched.state_dict(),
    generator: first.dropoutGen.get_state(),
  };

  const resumed = setup(0, 0, 20); // different init and dropout seed: everything must come from the saved state
  resumed.model.load_state_dict(saved.weights);
  resumed.opt.load_state_dict(saved.optimizer);
  resumed.sched.load_state_dict(saved.scheduler);
  resumed.dropoutGen.set_state(saved.generator);
  const tail = await train(resumed, data, 12);

  assert.deepEqual([...head, ...tail], full);
  for (const [name, p] of resumed.model.named_parameters()) {
    assert.deepEqual(Array.from(p.data), Array.from(straight.model.named_parameters().find(([n]) => n === name)![1].data), name);
  }
});

test("Sequential chains modules, names children 0, 1, … and trains like any module", async () => {
  const gen = new Generator(3);
  const net = new Sequential(new Linear(2, 8, { generator: gen }), new Tanh(), new Linear(8, 2, { generator: gen }));
  assert.deepEqual(net.named_parameters().map(([n]) => n), ["0.weight", "0.bias", "2.weight", "2.bias"]);
  assert.match(net.toString(), /^Sequential\(\n  \(0\): Linear\(in_features=2, out_features=8, bias=True\)\n  \(1\): Tanh\(\)/);
  // XOR: not linearly separable, so the hidden layer has to do the work.
  const x = new Tensor(Float32Array.from([0, 0, 0, 1, 1, 0, 1, 1]), [4, 2], "float32");
  const y = Tensor.from([0, 1, 1, 0]);
  const g = new Graph({ module: net });
  g.output("loss", F.cross_entropy(net.forward(g.input("x", "float32", ["n", 2])), g.input("y", "int64", ["n"])));
  const step = await Program.compile(g, { backward: { loss: "loss" } });
  const opt = new AdamW(net.parameters(), { lr: 0.05, weight_decay: 0 });
  let loss = Infinity;
  for (let i = 0; i < 300; i++) {
    loss = (await step.run({ x, y })).loss.item();
    opt.step();
    opt.zero_grad();
  }
  await step.release();
  assert.ok(loss < 0.01, `XOR loss ${loss}`);
});
