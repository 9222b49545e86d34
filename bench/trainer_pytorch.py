"""A plain PyTorch BERT fine-tuning loop (BERT written out in torch.nn, Hub parameter names), used as
the reference for the Trainer:

  python3 trainer_pytorch.py bench  WEIGHTS DATA THREADS   -> {"samples_per_second": ...}  (bench/trainer.bench.ts)
  python3 trainer_pytorch.py replay WEIGHTS SPEC OUT       -> per-step loss / lr / grad norm and final weights
                                                              (test/trainer/torch_replay.test.ts)

The replay follows transformers.Trainer's loop: batches in dataset order, each micro-batch's loss
divided by gradient_accumulation_steps before backward, clip_grad_norm_, AdamW with the Trainer's
decay groups, a LambdaLR schedule, zero_grad."""
import json, math, struct, sys, time
import torch
from torch import nn

mode, weights_path, data_path = sys.argv[1], sys.argv[2], sys.argv[3]
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




def load_model():
    model = BertForSequenceClassification()
    missing, _ = model.load_state_dict(read_safetensors(weights_path), strict=False)
    assert not missing, missing
    model.train()
    return model


def optimizer_for(model, lr, wd, betas=(0.9, 0.999), eps=1e-8):
    decay = [p for n, p in model.named_parameters() if "bias" not in n and "LayerNorm" not in n]
    no_decay = [p for n, p in model.named_parameters() if "bias" in n or "LayerNorm" in n]
    return torch.optim.AdamW([{"params": decay, "weight_decay": wd}, {"params": no_decay, "weight_decay": 0.0}], lr=lr, betas=betas, eps=eps)


def schedule(kind, warmup, total):
    def lam(step):
        if kind != "constant" and step < warmup:
            return float(step) / float(max(1, warmup))
        if kind == "linear":
            return max(0.0, float(total - step) / float(max(1, total - warmup)))
        if kind == "cosine":
            progress = float(step - warmup) / float(max(1, total - warmup))
            return max(0.0, 0.5 * (1.0 + math.cos(math.pi * 0.5 * 2.0 * progress)))
        return 1.0
    return lam


def bench():
    torch.set_num_threads(int(sys.argv[4]) if len(sys.argv) > 4 else 2)
    model = load_model()
    opt = optimizer_for(model, cfg_data["learning_rate"], 0.01)
    bs = cfg_data["batch_size"]
    steps = math.ceil(len(cfg_data["labels"]) / bs)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, schedule("linear", 0, steps))
    ids_all = torch.tensor(cfg_data["input_ids"])
    mask_all = torch.tensor(cfg_data["attention_mask"])
    tt_all = torch.zeros_like(ids_all)
    labels_all = torch.tensor(cfg_data["labels"])
    t_start = None
    for step in range(steps):
        sl = slice(step * bs, (step + 1) * bs)
        loss = model(ids_all[sl], mask_all[sl], tt_all[sl], labels_all[sl])
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        if step == 0:
            t_start = time.perf_counter()
    elapsed = time.perf_counter() - t_start
    print(json.dumps({"samples_per_second": (len(cfg_data["labels"]) - bs) / elapsed}))


def replay():
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    a = cfg_data["args"]
    model = load_model()
    opt = optimizer_for(model, a["learning_rate"], a["weight_decay"], (a["adam_beta1"], a["adam_beta2"]), a["adam_epsilon"])
    ids_all = torch.tensor(cfg_data["input_ids"])
    mask_all = torch.tensor(cfg_data["attention_mask"])
    tt_all = torch.tensor(cfg_data["token_type_ids"])
    labels_all = torch.tensor(cfg_data["labels"])
    n, bs, gas = len(cfg_data["labels"]), a["per_device_train_batch_size"], a["gradient_accumulation_steps"]
    batches = [list(range(s, min(n, s + bs))) for s in range(0, n, bs)]
    updates_per_epoch = math.ceil(len(batches) / gas)
    total = updates_per_epoch * a["num_train_epochs"]
    warmup = a["warmup_steps"] if a["warmup_steps"] > 0 else math.ceil(total * a["warmup_ratio"])
    sched = torch.optim.lr_scheduler.LambdaLR(opt, schedule(a["lr_scheduler_type"], warmup, total))
    steps = []
    for epoch in range(a["num_train_epochs"]):
        tr_loss = 0.0
        for i, rows in enumerate(batches):
            idx = torch.tensor(rows)
            loss = model(ids_all[idx], mask_all[idx], tt_all[idx], labels_all[idx]) / gas
            loss.backward()
            tr_loss += loss.item()
            if (i + 1) % gas == 0 or i + 1 == len(batches):
                norm = torch.nn.utils.clip_grad_norm_(model.parameters(), a["max_grad_norm"])
                opt.step()
                sched.step()
                opt.zero_grad()
                steps.append({"loss": tr_loss, "learning_rate": sched.get_last_lr()[0], "grad_norm": norm.item()})
                tr_loss = 0.0
    weights = {k: v.flatten().tolist() for k, v in model.state_dict().items()}
    json.dump({"steps": steps, "weights": weights}, open(sys.argv[4], "w"))


bench() if mode == "bench" else replay()
