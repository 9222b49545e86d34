// Interrupting a training cell on the real kernel (Jupyter's "Interrupt the kernel", sent by
// jupyter_client): the cell ends with KeyboardInterrupt, the training loop stops at a step boundary
// (every finished step logged), every checkpoint folder on disk is complete, and the kernel (with the
// trainer's state) is still there to continue.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { privateJupyter, jupyterClient } from "../kernel/jupyter";
import { hfReference } from "../helpers/paths";
import { PYTHON } from "../helpers/system";

const component = jupyterClient("jupyter_client", "python3-jupyter-client");

const DRIVER = `
import json, os, sys, time
from jupyter_client.manager import start_new_kernel
setup, train, after, out_dir = json.load(open(sys.argv[1]))
km, kc = start_new_kernel(kernel_name="transformers-lab", startup_timeout=120)
def run(code, timeout=120):
    msg_id = kc.execute(code)
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        t = msg["msg_type"]
        if t == "status" and msg["content"]["execution_state"] == "idle":
            break
        if t in ("error", "execute_result", "stream"):
            outputs.append({"type": t, **msg["content"]})
    return outputs
try:
    result = {"setup": run(setup)}
    msg_id = kc.execute(train)
    deadline = time.time() + 120
    while not os.path.isdir(os.path.join(out_dir, "checkpoint-4")) and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    km.interrupt_kernel()
    train_outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=120)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
        if msg["msg_type"] in ("error", "execute_result"):
            train_outputs.append({"type": msg["msg_type"], **msg["content"]})
    result["train"] = train_outputs
    result["after"] = run(after)
    print(json.dumps(result))
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
`;

test("an interrupt stops training at a step boundary with every checkpoint complete", { skip: component.skip, timeout: 240_000 }, () => {
  const { dir, env } = privateJupyter("trainer-interrupt-kernel");
  const runDir = path.join(hfReference, "training", "bert-seqcls-train");
  const outDir = path.join(dir, "out");
  const setup = `const log = JSON.parse(require("node:fs").readFileSync(${JSON.stringify(path.join(runDir, "training_log.json"))}, "utf8"));
const rows = (t: any) => Array.from({ length: t.shape[0] }, (_, i) => t.data.slice(i * t.shape[1], (i + 1) * t.shape[1]));
const train_dataset = Dataset.from_dict({ input_ids: rows(log.dataset.input_ids), attention_mask: rows(log.dataset.attention_mask), label: log.dataset.labels.data });
const model = await BertForSequenceClassification.from_pretrained(${JSON.stringify(path.join(runDir, "initial"))});
const trainer = new Trainer({ model, args: new TrainingArguments({ output_dir: ${JSON.stringify(outDir)}, max_steps: 100000, learning_rate: 1e-4, logging_steps: 1, save_steps: 4, save_total_limit: 2 }), train_dataset });
"ready"`;
  const after = `await new Promise((r) => setTimeout(r, 500));
const first = trainer.state.global_step;
await new Promise((r) => setTimeout(r, 1500));
console.log(JSON.stringify({ first, step: trainer.state.global_step, logged: trainer.state.log_history.filter((e: any) => "loss" in e).length }))`;
  fs.writeFileSync(path.join(dir, "cells.json"), JSON.stringify([setup, "await trainer.train();", after, outDir]));
  const r = spawnSync(PYTHON, ["-c", DRIVER, path.join(dir, "cells.json")], { env, cwd: dir, encoding: "utf8", timeout: 230_000 });
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout.trim().split("\n").pop()!);
  assert.ok(!result.setup.some((o: any) => o.type === "error"), JSON.stringify(result.setup));
  const error = result.train.find((o: any) => o.type === "error");
  assert.ok(error, `the training cell ends with an error: ${JSON.stringify(result.train)}`);
  assert.equal(error.ename, "KeyboardInterrupt");
  const printed = result.after.find((o: any) => o.type === "stream");
  assert.ok(printed, `the kernel still answers after the interrupt: ${JSON.stringify(result.after)}`);
  const state = JSON.parse(printed.text);
  assert.equal(state.step, state.first, "training has stopped");
  assert.ok(state.step >= 4 && state.step < 100000);
  assert.equal(state.logged, state.step, "every finished step was logged");
  const left = fs.readdirSync(outDir);
  assert.ok(left.every((f) => /^checkpoint-\d+$/.test(f)), `only complete checkpoints remain: ${left}`);
  for (const f of left) {
    const saved = JSON.parse(fs.readFileSync(path.join(outDir, f, "trainer_state.json"), "utf8"));
    assert.equal(`checkpoint-${saved.global_step}`, f);
    for (const file of ["model.safetensors", "optimizer.json", "optimizer.safetensors", "scheduler.json", "rng_state.json"]) assert.ok(fs.existsSync(path.join(outDir, f, file)), `${f}/${file}`);
  }

});
