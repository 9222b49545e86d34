// DistilBERT sequence-classification gradients through the engine against PyTorch autograd,
// with a plain PyTorch DistilBERT reading the fixture's safetensors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { AutoModelForSequenceClassification } from "../../src/models";
import { Tensor } from "../../src/tensor";
import { hfReference } from "../helpers/paths";
import { PYTHON, systemComponent } from "../helpers/system";

const torch = systemComponent("python3-torch", [PYTHON, "-c", "import torch"], "apt-get install python3-torch");
const dir = path.join(hfReference, "models", "distilbert-seqcls-2");

const TORCH_DISTILBERT = `
import json, math, struct, sys, torch
torch.set_num_threads(1)
d = sys.argv[1]
cfg = json.load(open(d + "/config.json"))
raw = open(d + "/model.safetensors", "rb").read()
n = struct.unpack("<Q", raw[:8])[0]
header = json.loads(raw[8:8 + n])
W = {}
for k, v in header.items():
    if k == "__metadata__" or v["dtype"] != "F32": continue
    a, b = v["data_offsets"]
    W[k] = torch.frombuffer(bytearray(raw[8 + n + a: 8 + n + b]), dtype=torch.float32).reshape(v["shape"]).clone().requires_grad_(True)
inp = json.load(sys.stdin)
ids = torch.tensor(inp["input_ids"]); mask = torch.tensor(inp["attention_mask"]); labels = torch.tensor(inp["labels"])
B, S = ids.shape; H = cfg["dim"]; A = cfg["n_heads"]; dh = H // A
lin = lambda x, p: torch.nn.functional.linear(x, W[p + ".weight"], W[p + ".bias"])
ln = lambda x, p: torch.nn.functional.layer_norm(x, (H,), W[p + ".weight"], W[p + ".bias"], 1e-12)
e = "distilbert.embeddings"
h = ln(W[e + ".word_embeddings.weight"][ids] + W[e + ".position_embeddings.weight"][torch.arange(S)][None], e + ".LayerNorm")
for i in range(cfg["n_layers"]):
    p = f"distilbert.transformer.layer.{i}"
    heads = lambda t: t.view(B, S, A, dh).transpose(1, 2)
    q = heads(lin(h, p + ".attention.q_lin")) / math.sqrt(dh)
    k, v = heads(lin(h, p + ".attention.k_lin")), heads(lin(h, p + ".attention.v_lin"))
    scores = (q @ k.transpose(2, 3)).masked_fill((mask == 0).view(B, 1, 1, S), torch.finfo(torch.float32).min)
    ctx = (scores.softmax(-1) @ v).transpose(1, 2).reshape(B, S, H)
    h = ln(lin(ctx, p + ".attention.out_lin") + h, p + ".sa_layer_norm")
    h = ln(lin(torch.nn.functional.gelu(lin(h, p + ".ffn.lin1")), p + ".ffn.lin2") + h, p + ".output_layer_norm")
logits = lin(torch.relu(lin(h[:, 0], "pre_classifier")), "classifier")
loss = torch.nn.functional.cross_entropy(logits, labels)
loss.backward()
print(json.dumps({"loss": loss.item(), "grads": {k: t.grad.reshape(-1).tolist() for k, t in W.items() if t.grad is not None}}))
`;

test("DistilBERT sequence-classification gradients match PyTorch autograd", { skip: torch.skip }, async () => {
  const input_ids = [[101, 22, 33, 44, 55, 66, 102], [101, 6, 7, 8, 102, 0, 0]];
  const attention_mask = [[1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 0, 0]];
  const labels = [1, 0];
  const r = spawnSync(PYTHON, ["-c", TORCH_DISTILBERT, dir], { input: JSON.stringify({ input_ids, attention_mask, labels }), encoding: "utf8", maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  const ref = JSON.parse(r.stdout) as { loss: number; grads: Record<string, number[]> };

  const model = await AutoModelForSequenceClassification.from_pretrained(dir, { dropout: 0, attention_dropout: 0, seq_classif_dropout: 0 });
  model.train();
  const out = (await model.forward_backward({ input_ids: Tensor.from(input_ids), attention_mask: Tensor.from(attention_mask), labels: Tensor.from(labels) })) as unknown as { loss: Tensor };
  assert.ok(Math.abs(out.loss.item() - ref.loss) <= 1e-4 * ref.loss, `loss ${out.loss.item()} vs ${ref.loss}`);
  const named = model.named_parameters();
  assert.deepEqual(named.map(([n]) => n).sort(), Object.keys(ref.grads).sort());
  for (const [name, p] of named) {
    const want = ref.grads[name];
    const maxAbs = Math.max(...want.map(Math.abs));
    // k_lin.bias has an exactly-zero true gradient (softmax ignores a per-row constant): noise on both sides.
    const scale = name.endsWith("k_lin.bias") ? 1e-6 : 0;
    p.grad!.forEach((g, i) => assert.ok(Math.abs(g - want[i]) <= scale + 1e-5 * maxAbs + 1e-4 * Math.abs(want[i]), `${name}[${i}]: ${g} vs ${want[i]}`));
  }
  await model.release_programs();
});
