#!/usr/bin/env python3
"""Training speed of the recipe `recurrent4j train` runs, in PyTorch: the peer of the engine's training.

Corpus mode (char-rnn's scheme, `train --data`): the text's first 95% read as B parallel streams of T characters,
nn.Embedding(V + 1, E) (index 0 is START/END, as in recurrent4j), an nn.LSTM, nn.GRU or nn.RNN of L layers of H,
nn.Linear(H, V + 1); the loss is the mean cross-entropy over the B·T predictions; the state is carried (detached)
from chunk to chunk and reset when the streams wrap. The streams are `train`'s: B segments of ⌊L/B⌋ characters of
the L-character training split, an epoch of ⌊(⌊L/B⌋ − 1)/T⌋ chunks. Each gate has one trained bias, as in the
engine: the modules' bias_hh is held at zero (its gradient is bias_ih's, so training both would double the biases'
steps), but for the GRU candidate's b_hn, which the reset gate scales and the engine trains apart.

Sentence mode (the seed demo, `train --sentences`): one random line per step, from the zero state, START and its
characters predicting its characters and END, the loss summed (not averaged), batch 1.

The optimizer is the seed's RMSProp, written with torch's fused multi-tensor ops: cache = 0.999·cache + 0.001·g²
on the unclipped gradient, g clipped to ±clip, w −= lr·g/√(cache + 1e-8) + regc·w. (torch.optim.RMSprop adds ε
outside the root, applies weight decay through the gradient and sees the clipped gradient; it runs at the same
speed.) Only the training steps are timed, as `train` counts them. Prints one JSON line.

Quality runs (benchmarks/quality.sh) use the rest of `train`'s recipe: --dropout P as char-rnn and `train --dropout`
apply it (nn.LSTM's dropout between layers, and nn.Dropout on the top layer's output before the decoder; never on
the recurrent state), the learning-rate schedule of `train` (--lr-warmup N is `train --warmup N`: this script's
--warmup is its untimed steps; --lr-decay R --lr-decay-after E multiply the rate by R at the end of epoch E and of
every later one), a wall-clock budget (--minutes M, or --seconds S), and with --val-every N the validation loss
every N steps as `train` measures it: the last 5% of the text, its every character after the first predicted once,
cut into --batch consecutive pieces read in parallel from the zero state, without dropout. With --metrics FILE each
validation is one JSON line there (step, loss since the previous line, valLoss, epoch, learningRate,
elapsedSeconds: the keys of `train --metrics`); the time counts from the first timed step, validations included.
--report-every N writes a line every N timed steps instead (valLoss on the lines that fall on a validation; --val-every
must then be a multiple of N), as `train --report-every N` does.

To check that this script trains what `train --data` trains (a test runs both and compares the losses step by step):
--init-from FILE starts from the weights of a safetensors file as `recurrent4j export --format safetensors` writes
it (the kind, layers, sizes and tensor names come from the file; each layer's bias_hh is folded into bias_ih as the
engine's import folds it), with --vocab VOCAB.json, the character of each embedding row (`""` first: row 0 is
START/END); --steps N trains exactly N timed steps instead of for a time; --save FILE writes the weights after the
last step to FILE in the same form.

  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 torch_train.py --data input.txt --kind lstm \\
      --hidden 128 --layers 2 --embed 64 --seconds 20
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=2 /usr/bin/python3 torch_train.py --data input.txt --hidden 256 \\
      --warmup 0 --dropout 0.25 --lr-warmup 100 --lr-decay 0.95 --lr-decay-after 3 --minutes 20 \\
      --val-every 100 --metrics torch.jsonl
"""
import argparse
import json
import random
import struct
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class SeedRMSProp:
    """RecurrentJS's solver: the cache sees the unclipped gradient; the decay is not scaled by the rate."""

    def __init__(self, params, lr, regc, clip, decay=0.999, eps=1e-8):
        self.params = [p for p in params]
        self.cache = [torch.zeros_like(p) for p in self.params]
        self.lr, self.regc, self.clip, self.decay, self.eps = lr, regc, clip, decay, eps

    @torch.no_grad()
    def step(self):
        grads = [p.grad for p in self.params]
        torch._foreach_mul_(self.cache, self.decay)
        torch._foreach_addcmul_(self.cache, grads, grads, value=1 - self.decay)
        for g in grads:
            g.clamp_(-self.clip, self.clip)
        denom = torch._foreach_add(self.cache, self.eps)
        torch._foreach_sqrt_(denom)
        torch._foreach_add_(self.params, self.params, alpha=-self.regc)
        torch._foreach_addcdiv_(self.params, grads, denom, value=-self.lr)
        for p in self.params:
            p.grad = None


class TorchRMSProp:
    """What a PyTorch user writes: clip the gradients' values, then torch.optim.RMSprop with the same constants."""

    def __init__(self, params, lr, regc, clip):
        self.params = [p for p in params]
        self.clip = clip
        self.opt = torch.optim.RMSprop(self.params, lr=lr, alpha=0.999, eps=1e-8, weight_decay=regc)

    def step(self):
        torch.nn.utils.clip_grad_value_(self.params, self.clip)
        self.opt.step()
        self.opt.zero_grad(set_to_none=True)


class CharModel(nn.Module):
    """Embedding, recurrent layers, decoder; dropout (in training mode) between layers and before the decoder."""

    def __init__(self, kind, vocab, embed, hidden, layers, dropout=0.0):
        super().__init__()
        self.embedding = nn.Embedding(vocab, embed)
        between = dropout if layers > 1 else 0.0  # nn.LSTM drops the output of every layer but the last
        if kind == "lstm":
            self.rnn = nn.LSTM(embed, hidden, num_layers=layers, dropout=between)
        elif kind == "gru":
            self.rnn = nn.GRU(embed, hidden, num_layers=layers, dropout=between)
        else:
            self.rnn = nn.RNN(embed, hidden, num_layers=layers, nonlinearity="relu" if kind == "rnn" else "tanh",
                              dropout=between)
        self.drop = nn.Dropout(dropout) if dropout > 0 else None
        self.decoder = nn.Linear(hidden, vocab)
        for p in self.parameters():  # the seed's initialisation: uniform on ±0.08, biases at zero
            nn.init.uniform_(p, -0.08, 0.08) if p.dim() > 1 else nn.init.zeros_(p)
        self.kind, self.hidden, self.layers = kind, hidden, layers
        self.single_biases()

    @torch.no_grad()
    def single_biases(self):
        """One trained bias per gate, as the engine has: torch's bias_ih and bias_hh get the same gradient, so training
        both would move every gate's bias at twice the rate. bias_hh is folded into bias_ih and held at zero, but for
        the GRU candidate's b_hn, which r scales and the engine trains apart (bnh)."""
        fixed = 2 * self.hidden if self.kind == "gru" else None  # the GRU's r and z rows; else all rows
        for k in range(self.layers):
            b_ih, b_hh = getattr(self.rnn, f"bias_ih_l{k}"), getattr(self.rnn, f"bias_hh_l{k}")
            b_ih[:fixed] += b_hh[:fixed]
            b_hh[:fixed] = 0
            if fixed is None:
                b_hh.requires_grad_(False)
            elif not getattr(b_hh, "_masked", False):
                mask = torch.cat([torch.zeros(fixed), torch.ones(len(b_hh) - fixed)])
                b_hh.register_hook(lambda g, mask=mask: g * mask)
                b_hh._masked = True

    def forward(self, x, state):
        y, state = self.rnn(self.embedding(x), state)
        if self.drop is not None:
            y = self.drop(y)
        return self.decoder(y), state


KINDS = {"lstm": "lstm", "gru-reset-after": "gru", "rnn": "rnn", "rnn-tanh": "rnn-tanh"}  # export kind: --kind


def read_safetensors(path):
    """The F32 tensors of a safetensors file, by name, and its metadata."""
    with open(path, "rb") as f:
        raw = f.read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    data, tensors = raw[8 + n:], {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if entry["dtype"] != "F32":
            sys.exit(f"{path}: tensor {name} is {entry['dtype']}; --init-from reads F32 (what the export writes)")
        begin, end = entry["data_offsets"]
        tensors[name] = torch.frombuffer(bytearray(data[begin:end]), dtype=torch.float32).reshape(entry["shape"])
    return tensors, header.get("__metadata__", {})


def write_safetensors(path, tensors, kind):
    """The tensors as F32 in the format's layout (offsets in order, the header padded to 8 bytes), and the kind."""
    kinds = {v: k for k, v in KINDS.items()}
    header, blobs, offset = {"__metadata__": {"format": "pt", "recurrent4j.kind": kinds[kind]}}, [], 0
    for name, t in tensors.items():
        raw = t.detach().to(torch.float32).contiguous().numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def scheduled_rate(lr, step, steps_per_epoch, warmup, decay, decay_after):
    """`train`'s schedule: lr · min(1, step / warmup) · decay^max(0, ⌊(step − 1) / epoch⌋ − decay_after + 1)."""
    rate = lr * step / warmup if step < warmup else lr
    decays = (step - 1) // steps_per_epoch - decay_after + 1
    if decay < 1 and decays > 0:
        rate *= decay ** decays
    return rate


@torch.no_grad()
def validation_loss(model, text, streams):
    """Mean nats per character of `text` (indices), as `train` measures it; the model in evaluation mode."""
    targets = len(text) - 1
    columns = min(streams, targets)
    piece = (targets + columns - 1) // columns
    x = torch.zeros(piece, columns, dtype=torch.long)
    y = torch.full((piece, columns), -100, dtype=torch.long)  # -100: masked
    for j in range(columns):
        start, end = j * piece, min(targets, (j + 1) * piece)
        if start < end:
            x[: end - start, j] = text[start:end]
            y[: end - start, j] = text[start + 1: end + 1]
    was_training = model.training
    model.eval()
    logits, _ = model(x, None)
    model.train(was_training)
    nats = F.cross_entropy(logits.view(-1, logits.size(-1)), y.view(-1), ignore_index=-100, reduction="sum")
    return nats.item() / targets


def detach(state):
    if state is None:
        return None
    return tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", required=True, help="the text (corpus mode) or the sentences, one per line")
    p.add_argument("--mode", choices=["corpus", "sentences"], default="corpus")
    p.add_argument("--kind", choices=["lstm", "gru", "rnn", "rnn-tanh"], default="lstm")
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--embed", type=int, default=64)
    p.add_argument("--batch", type=int, default=50)
    p.add_argument("--seq", type=int, default=50)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--regc", type=float, default=1e-6)
    p.add_argument("--clip", type=float, default=5.0)
    p.add_argument("--optimizer", choices=["seed", "torch"], default="seed",
                   help="seed: the seed's RMSProp (default); torch: torch.optim.RMSprop after clip_grad_value_")
    p.add_argument("--warmup", type=int, default=5, help="untimed steps first (default 5)")
    p.add_argument("--warmup-seconds", type=float, default=0.0,
                   help="and untimed seconds first, whichever ends later (default 0)")
    p.add_argument("--seconds", type=float, default=20.0, help="time to train after the warm-up (default 20)")
    p.add_argument("--minutes", type=float, help="time to train after the warm-up, in minutes (replaces --seconds)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--dropout", type=float, default=0.0,
                   help="dropout between the layers and before the decoder, as `train --dropout` (default 0)")
    p.add_argument("--lr-warmup", type=int, default=0, help="`train --warmup`: a linear rise over N steps (default 0)")
    p.add_argument("--lr-decay", type=float, default=1.0, help="`train --lr-decay` (default 1, none)")
    p.add_argument("--lr-decay-after", type=int, default=10, help="`train --lr-decay-after` (default 10)")
    p.add_argument("--val-every", type=int, default=0,
                   help="corpus mode: measure the validation loss every N timed steps (default 0, never)")
    p.add_argument("--metrics", help="with --val-every: one JSON line per validation to this file")
    p.add_argument("--report-every", type=int, default=0,
                   help="with --metrics: a line every N timed steps (default: every validation)")
    p.add_argument("--init-from", help="start from this safetensors file of `recurrent4j export` (needs --vocab)")
    p.add_argument("--vocab", help="with --init-from: the JSON list of the embedding rows' characters")
    p.add_argument("--steps", type=int, default=0, help="train exactly N timed steps (replaces --seconds)")
    p.add_argument("--save", help="write the weights after the last step to this safetensors file")
    a = p.parse_args()
    if (a.init_from is None) != (a.vocab is None):
        p.error("--init-from and --vocab go together")
    if a.report_every < 0 or a.steps < 0:
        p.error("--report-every and --steps must be at least 0")
    if a.report_every and a.val_every % a.report_every:
        p.error("--val-every must be a multiple of --report-every")
    if not 0 <= a.dropout < 1:
        p.error("--dropout must be at least 0 and below 1")
    if not 0 < a.lr_decay <= 1 or a.lr_decay_after < 1 or a.lr_warmup < 0 or a.val_every < 0:
        p.error("--lr-decay must be in (0, 1], --lr-decay-after at least 1, --lr-warmup and --val-every at least 0")
    if a.val_every and a.mode != "corpus":
        p.error("--val-every: only corpus mode has a validation split")
    seconds = a.minutes * 60 if a.minutes is not None else a.seconds

    torch.manual_seed(a.seed)
    random.seed(a.seed)
    text = open(a.data, encoding="utf-8").read()
    if a.mode == "sentences":
        lines = [l.strip() for l in text.split("\n") if l.strip()]
        chars = sorted(set("".join(lines)))
    else:
        chars = sorted(set(text))
    if a.init_from:
        weights, meta = read_safetensors(a.init_from)
        with open(a.vocab, encoding="utf-8") as f:
            rows = json.load(f)
        index = {c: i for i, c in enumerate(rows) if c != ""}
        unknown = sorted(set(chars) - set(index))
        if unknown:
            sys.exit(f"{a.data}: characters not in {a.vocab}: {unknown[:5]}")
        vocab = len(rows)
        a.kind = KINDS.get(meta.get("recurrent4j.kind"), a.kind)
        a.embed = weights["embedding.weight"].shape[1]
        a.hidden = weights["rnn.weight_hh_l0"].shape[1]
        a.layers = sum(1 for name in weights if name.startswith("rnn.weight_ih_l"))
    else:
        index = {c: i + 1 for i, c in enumerate(chars)}
        vocab = len(chars) + 1
    model = CharModel(a.kind, vocab, a.embed, a.hidden, a.layers, a.dropout)
    if a.init_from:
        model.load_state_dict(weights, strict=True)
        model.single_biases()
    trained = [q for q in model.parameters() if q.requires_grad]
    if a.optimizer == "seed":
        opt = SeedRMSProp(trained, a.lr, a.regc, a.clip)
    else:
        opt = TorchRMSProp(trained, a.lr, a.regc, a.clip)

    step_count = 0  # every step, the untimed ones included: the schedule counts them as `train` counts steps
    if a.mode == "corpus":
        split = len(text) * 95 // 100  # `train`'s split: the first 95% of the characters
        train = torch.tensor([index[c] for c in text[:split]], dtype=torch.long)
        valid = torch.tensor([index[c] for c in text[split:]], dtype=torch.long)
        per = len(train) // a.batch  # `train`'s streams: B segments of ⌊L/B⌋, each read within itself
        streams = torch.stack([train[b * per: b * per + per] for b in range(a.batch)])
        chunks = (per - 1) // a.seq  # an epoch: the chunks whose targets fit in the segment
        steps_per_epoch = max(1, chunks)
        state, pos = None, 0

        def step():
            nonlocal state, pos
            if pos == chunks:
                state, pos = None, 0
            x = streams[:, pos * a.seq: pos * a.seq + a.seq].t().contiguous()
            y = streams[:, pos * a.seq + 1: pos * a.seq + a.seq + 1].t().reshape(-1)
            pos += 1
            set_rate()
            logits, state = model(x, detach(state))
            loss = F.cross_entropy(logits.view(-1, vocab), y)
            loss.backward()
            opt.step()
            return a.batch * a.seq, loss.item()
    else:
        encoded = [torch.tensor([0] + [index[c] for c in l] + [0], dtype=torch.long) for l in lines]
        steps_per_epoch = len(encoded)  # one pass worth of sentences at batch 1, as `train` counts an epoch

        def step():
            set_rate()
            s = encoded[random.randrange(len(encoded))]
            logits, _ = model(s[:-1].view(-1, 1), None)
            loss = F.cross_entropy(logits.view(-1, vocab), s[1:], reduction="sum")
            loss.backward()
            opt.step()
            return len(s) - 1, loss.item() / (len(s) - 1)

    rate = [a.lr]

    def set_rate():
        nonlocal step_count
        step_count += 1
        rate[0] = scheduled_rate(a.lr, step_count, steps_per_epoch, a.lr_warmup, a.lr_decay, a.lr_decay_after)
        if isinstance(opt, SeedRMSProp):
            opt.lr = rate[0]
        else:
            for group in opt.opt.param_groups:
                group["lr"] = rate[0]

    warm_start = time.perf_counter()
    warm = 0
    while warm < a.warmup or time.perf_counter() - warm_start < a.warmup_seconds:
        step()
        warm += 1
    model.train()
    log = open(a.metrics, "w", encoding="utf-8") if a.metrics else None
    chars, steps, loss = 0, 0, float("nan")
    interval_nats, interval_chars, best = 0.0, 0, None
    start = time.perf_counter()
    def more():  # --steps counts steps; otherwise the wall-clock budget decides
        return steps < a.steps if a.steps else time.perf_counter() - start < seconds

    while more():
        n, loss = step()
        chars += n
        steps += 1
        interval_nats += loss * n
        interval_chars += n
        v = None
        if a.val_every and steps % a.val_every == 0:
            v = validation_loss(model, valid, a.batch)
            best = v if best is None or v < best else best
        report = steps % a.report_every == 0 if a.report_every else v is not None
        if report:
            if log:
                line = {"step": step_count, "loss": interval_nats / interval_chars}
                if v is not None:
                    line["valLoss"] = v
                line.update({"epoch": step_count / steps_per_epoch, "learningRate": rate[0],
                             "elapsedSeconds": time.perf_counter() - start})
                log.write(json.dumps(line) + "\n")
                log.flush()
            interval_nats, interval_chars = 0.0, 0
    elapsed = time.perf_counter() - start
    if log:
        log.close()
    if a.save:
        write_safetensors(a.save, model.state_dict(), a.kind)
    result = {"peer": "pytorch", "torch": torch.__version__, "threads": torch.get_num_threads(),
              "blas": blas(), "optimizer": a.optimizer, "kind": a.kind, "mode": a.mode, "layers": a.layers, "hidden": a.hidden,
              "embed": a.embed, "batch": a.batch, "seq": a.seq, "steps": steps, "seconds": elapsed,
              "chars_per_second": chars / elapsed, "loss": loss}
    if a.dropout or a.lr_warmup or a.lr_decay < 1:
        result.update({"dropout": a.dropout, "lr_warmup": a.lr_warmup, "lr_decay": a.lr_decay,
                       "lr_decay_after": a.lr_decay_after})
    if best is not None:
        result["best_val_loss"] = best
    print(json.dumps(result))


def blas():
    """The BLAS library torch has loaded (Debian's build calls the system libblas, an alternative)."""
    torch.ones(64, 64) @ torch.ones(64, 64)
    try:
        with open("/proc/self/maps") as maps:
            libs = sorted({line.split()[-1].rsplit("/", 1)[-1] for line in maps if "blas" in line.lower()})
        return ", ".join(libs) or "unknown"
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
