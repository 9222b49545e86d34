"""Plain PyTorch fine-tuning loop for bench/trainer.bench.ts: the same BERT (weights read from the
safetensors file the bench wrote), the same token ids and labels, AdamW + linear schedule + clipping,
dropout on. Prints one JSON line with the measured samples per second (first step excluded)."""
import json, math, struct, sys, time
import torch
from torch import nn

torch.set_num_threads(int(sys.argv[3]) if len(sys.argv) > 3 else 2)
weights_path, data_path = sys.argv[1], sys.argv[2]
cfg_data = json.load(open(data_path))
cfg = cfg_data["config"]


def read_safetensors(path):
    raw = open(path, "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    out = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        a, b = info["data_offsets"]
        out[name] = torch.frombuffer(bytearray(raw[8 + n + a:8 + n + b]), dtype=torch.float32).reshape(info["shape"])
    return out


class Embeddings(nn.Module):
    def __init__(s):
        super().__init__()
        s.word_embeddings = nn.Embedding(cfg["vocab_size"], cfg["hidden_size"])
        s.position_embeddings = nn.Embedding(cfg["max_position_embeddings"], cfg["hidden_size"])
        s.token_type_embeddings = nn.Embedding(cfg["type_vocab_size"], cfg["hidden_size"])
        s.LayerNorm = nn.LayerNorm(cfg["hidden_size"], eps=cfg["layer_norm_eps"])
        s.dropout = nn.Dropout(cfg["hidden_dropout_prob"])

    def forward(s, ids, tt):
        pos = torch.arange(ids.shape[1]).unsqueeze(0)
        return s.dropout(s.LayerNorm(s.word_embeddings(ids) + s.position_embeddings(pos) + s.token_type_embeddings(tt)))


class SelfAttn(nn.Module):
    def __init__(s):
        super().__init__()
        h = cfg["hidden_size"]
        s.query, s.key, s.value = nn.Linear(h, h), nn.Linear(h, h), nn.Linear(h, h)
        s.dropout = nn.Dropout(cfg["attention_probs_dropout_prob"])

    def forward(s, x, mask):
        b, t, h = x.shape
        nh = cfg["num_attention_heads"]
        split = lambda y: y.view(b, t, nh, h // nh).transpose(1, 2)
        q, k, v = split(s.query(x)), split(s.key(x)), split(s.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(h // nh) + mask
        probs = s.dropout(scores.softmax(-1))
        return (probs @ v).transpose(1, 2).reshape(b, t, h)


class DenseLN(nn.Module):
    def __init__(s, i, o):
        super().__init__()
        s.dense = nn.Linear(i, o)
        s.LayerNorm = nn.LayerNorm(o, eps=cfg["layer_norm_eps"])
        s.dropout = nn.Dropout(cfg["hidden_dropout_prob"])

    def forward(s, x, res):
        return s.LayerNorm(s.dropout(s.dense(x)) + res)


class Attention(nn.Module):
    def __init__(s):
        super().__init__()
        s.self = SelfAttn()
        s.output = DenseLN(cfg["hidden_size"], cfg["hidden_size"])

    def forward(s, x, mask):
        return s.output(s.self(x, mask), x)


class Intermediate(nn.Module):
    def __init__(s):
        super().__init__()
        s.dense = nn.Linear(cfg["hidden_size"], cfg["intermediate_size"])

    def forward(s, x):
        return nn.functional.gelu(s.dense(x))


class Layer(nn.Module):
    def __init__(s):
        super().__init__()
        s.attention, s.intermediate = Attention(), Intermediate()
        s.output = DenseLN(cfg["intermediate_size"], cfg["hidden_size"])

    def forward(s, x, mask):
        a = s.attention(x, mask)
        return s.output(s.intermediate(a), a)


class Encoder(nn.Module):
    def __init__(s):
        super().__init__()
        s.layer = nn.ModuleList([Layer() for _ in range(cfg["num_hidden_layers"])])


class Pooler(nn.Module):
    def __init__(s):
        super().__init__()
        s.dense = nn.Linear(cfg["hidden_size"], cfg["hidden_size"])


class Bert(nn.Module):
    def __init__(s):
        super().__init__()
        s.embeddings, s.encoder, s.pooler = Embeddings(), Encoder(), Pooler()


class BertForSequenceClassification(nn.Module):
    def __init__(s):
        super().__init__()
        s.bert = Bert()
        s.dropout = nn.Dropout(cfg["hidden_dropout_prob"])
        s.classifier = nn.Linear(cfg["hidden_size"], cfg["num_labels"])

    def forward(s, ids, mask, tt, labels):
        ext = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
        x = s.bert.embeddings(ids, tt)
        for layer in s.bert.encoder.layer:
            x = layer(x, ext)
        pooled = torch.tanh(s.bert.pooler.dense(x[:, 0]))
        logits = s.classifier(s.dropout(pooled))
        return nn.functional.cross_entropy(logits, labels)


model = BertForSequenceClassification()
missing, unexpected = model.load_state_dict(read_safetensors(weights_path), strict=False)
assert not missing, missing
model.train()
decay = [p for n, p in model.named_parameters() if "bias" not in n and "LayerNorm" not in n]
no_decay = [p for n, p in model.named_parameters() if "bias" in n or "LayerNorm" in n]
opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}], lr=cfg_data["learning_rate"])
steps = math.ceil(len(cfg_data["labels"]) / cfg_data["batch_size"])
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: max(0.0, (steps - s) / max(1, steps)))
ids_all = torch.tensor(cfg_data["input_ids"])
mask_all = torch.tensor(cfg_data["attention_mask"])
tt_all = torch.zeros_like(ids_all)
labels_all = torch.tensor(cfg_data["labels"])
bs = cfg_data["batch_size"]
t_start = None
losses = []
for step in range(steps):
    sl = slice(step * bs, (step + 1) * bs)
    loss = model(ids_all[sl], mask_all[sl], tt_all[sl], labels_all[sl])
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    sched.step()
    opt.zero_grad()
    losses.append(loss.item())
    if step == 0:
        t_start = time.perf_counter()
elapsed = time.perf_counter() - t_start
samples = len(cfg_data["labels"]) - bs
print(json.dumps({"samples_per_second": samples / elapsed, "first_loss": losses[0], "last_loss": losses[-1]}))
