// GPT-2's training gradients through the engine against PyTorch autograd on the same weights:
// a plain PyTorch GPT-2 (Conv1D, causal mask, gelu_new, tied lm_head) reads the fixture's
// safetensors, so both sides start from identical float32 weights.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { AutoModelForCausalLM } from "../../src/models";
import { Tensor } from "../../src/tensor";
import { hfReference } from "../helpers/paths";
import { PYTHON, systemComponent } from "../helpers/system";

const torch = systemComponent("python3-torch", [PYTHON, "-c", "import torch"], "apt-get install python3-torch");
const dir = path.join(hfReference, "models", "gpt2-lmhead");

const TORCH_GPT2 = `
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
B, S = ids.shape; H = cfg["n_embd"]; A = cfg["n_head"]; eps = cfg["layer_norm_epsilon"]
def gelu_new(x): return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))
def conv1d(x, p): return torch.addmm(W[p + ".bias"], x.reshape(-1, x.shape[-1]), W[p + ".weight"]).reshape(*x.shape[:-1], -1)
def ln(x, p): return torch.nn.functional.layer_norm(x, (H,), W[p + ".weight"], W[p + ".bias"], eps)
h = W["transformer.wte.weight"][ids] + W["transformer.wpe.weight"][torch.arange(S)][None]
fmin = torch.finfo(torch.float32).min
ext = (1.0 - mask[:, None, None, :].float()) * fmin
causal = torch.tril(torch.ones(S, S, dtype=torch.bool))[None, None]
for i in range(cfg["n_layer"]):
    p = f"transformer.h.{i}"
    q, k, v = conv1d(ln(h, p + ".ln_1"), p + ".attn.c_attn").split(H, dim=2)
    heads = lambda t: t.view(B, S, A, H // A).permute(0, 2, 1, 3)
    q, k, v = heads(q), heads(k), heads(v)
    w = q @ k.transpose(-1, -2) / (v.size(-1) ** 0.5)
    w = torch.where(causal, w, torch.tensor(fmin)) + ext
    o = (w.softmax(-1) @ v).permute(0, 2, 1, 3).reshape(B, S, H)
    h = h + conv1d(o, p + ".attn.c_proj")
    h = h + conv1d(gelu_new(conv1d(ln(h, p + ".ln_2"), p + ".mlp.c_fc")), p + ".mlp.c_proj")
logits = ln(h, "transformer.ln_f") @ W["transformer.wte.weight"].t()
loss = torch.nn.functional.cross_entropy(logits[:, :-1].reshape(-1, logits.shape[-1]), labels[:, 1:].reshape(-1))
loss.backward()
print(json.dumps({"loss": loss.item(), "grads": {k: t.grad.reshape(-1).tolist() for k, t in W.items() if t.grad is not None}}))
`;

test("GPT-2 LM gradients (tied embeddings, causal mask, gelu_new) match PyTorch autograd", { skip: torch.skip }, async () => {
  const input_ids = [[11, 22, 33, 44, 55, 66, 77], [5, 6, 7, 8, 9, 0, 0]];
  const attention_mask = [[1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 0, 0]];
  const labels = input_ids.map((row, b) => row.map((id, s) => (attention_mask[b][s] ? id : -100)));
  const r = spawnSync(PYTHON, ["-c", TORCH_GPT2, dir], { input: JSON.stringify({ input_ids, attention_mask, labels }), encoding: "utf8", maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  const ref = JSON.parse(r.stdout) as { loss: number; grads: Record<string, number[]> };

  const model = await AutoModelForCausalLM.from_pretrained(dir, { resid_pdrop: 0, embd_pdrop: 0, attn_pdrop: 0 });
  model.train();
  const out = (await model.forward_backward({ input_ids: Tensor.from(input_ids), attention_mask: Tensor.from(attention_mask), labels: Tensor.from(labels) })) as unknown as { loss: Tensor };
  assert.ok(Math.abs(out.loss.item() - ref.loss) <= 1e-4 * ref.loss, `loss ${out.loss.item()} vs ${ref.loss}`);
  const named = model.named_parameters();
  assert.deepEqual(named.map(([n]) => n).sort(), Object.keys(ref.grads).sort());
  for (const [name, p] of named) {
    const want = ref.grads[name];
    const maxAbs = Math.max(...want.map(Math.abs));
    p.grad!.forEach((g, i) => assert.ok(Math.abs(g - want[i]) <= 1e-5 * maxAbs + 1e-4 * Math.abs(want[i]), `${name}[${i}]: ${g} vs ${want[i]}`));
  }
  await model.release_programs();
});
