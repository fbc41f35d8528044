#!/usr/bin/env python3
"""Training speed of the recipe `recurrent4j train` runs, in PyTorch: the peer of the engine's training.

Corpus mode (char-rnn's scheme, `train --data`): the text's first 95% read as B parallel streams of T characters,
nn.Embedding(V + 1, E) (index 0 is START/END, as in recurrent4j), an nn.LSTM, nn.GRU or nn.RNN of L layers of H,
nn.Linear(H, V + 1); the loss is the mean cross-entropy over the B·T predictions; the state is carried (detached)
from chunk to chunk and reset when the streams wrap.

Sentence mode (the seed demo, `train --sentences`): one random line per step, from the zero state, START and its
characters predicting its characters and END, the loss summed (not averaged), batch 1.

The optimizer is the seed's RMSProp, written with torch's fused multi-tensor ops: cache = 0.999·cache + 0.001·g²
on the unclipped gradient, g clipped to ±clip, w −= lr·g/√(cache + 1e-8) + regc·w. (torch.optim.RMSprop adds ε
outside the root, applies weight decay through the gradient and sees the clipped gradient; it runs at the same
speed.) Only the training steps are timed, as `train` counts them. Prints one JSON line.

  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 torch_train.py --data input.txt --kind lstm \\
      --hidden 128 --layers 2 --embed 64 --seconds 20
"""
import argparse
import json
import random
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
    def __init__(self, kind, vocab, embed, hidden, layers):
        super().__init__()
        self.embedding = nn.Embedding(vocab, embed)
        if kind == "lstm":
            self.rnn = nn.LSTM(embed, hidden, num_layers=layers)
        elif kind == "gru":
            self.rnn = nn.GRU(embed, hidden, num_layers=layers)
        else:
            self.rnn = nn.RNN(embed, hidden, num_layers=layers, nonlinearity="relu" if kind == "rnn" else "tanh")
        self.decoder = nn.Linear(hidden, vocab)
        for p in self.parameters():  # the seed's initialisation: uniform on ±0.08, biases at zero
            nn.init.uniform_(p, -0.08, 0.08) if p.dim() > 1 else nn.init.zeros_(p)

    def forward(self, x, state):
        y, state = self.rnn(self.embedding(x), state)
        return self.decoder(y), state


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
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()

    torch.manual_seed(a.seed)
    random.seed(a.seed)
    text = open(a.data, encoding="utf-8").read()
    if a.mode == "sentences":
        lines = [l.strip() for l in text.split("\n") if l.strip()]
        chars = sorted(set("".join(lines)))
    else:
        chars = sorted(set(text))
    index = {c: i + 1 for i, c in enumerate(chars)}
    vocab = len(chars) + 1
    model = CharModel(a.kind, vocab, a.embed, a.hidden, a.layers)
    if a.optimizer == "seed":
        opt = SeedRMSProp(model.parameters(), a.lr, a.regc, a.clip)
    else:
        opt = TorchRMSProp(model.parameters(), a.lr, a.regc, a.clip)

    if a.mode == "corpus":
        train = torch.tensor([index[c] for c in text[: int(len(text) * 0.95)]], dtype=torch.long)
        per = (len(train) - 1) // a.batch
        streams = torch.stack([train[b * per: b * per + per + 1] for b in range(a.batch)])
        chunks = per // a.seq
        state, pos = None, 0

        def step():
            nonlocal state, pos
            if pos == chunks:
                state, pos = None, 0
            x = streams[:, pos * a.seq: pos * a.seq + a.seq].t().contiguous()
            y = streams[:, pos * a.seq + 1: pos * a.seq + a.seq + 1].t().reshape(-1)
            pos += 1
            logits, state = model(x, detach(state))
            loss = F.cross_entropy(logits.view(-1, vocab), y)
            loss.backward()
            opt.step()
            return a.batch * a.seq, loss.item()
    else:
        encoded = [torch.tensor([0] + [index[c] for c in l] + [0], dtype=torch.long) for l in lines]

        def step():
            s = encoded[random.randrange(len(encoded))]
            logits, _ = model(s[:-1].view(-1, 1), None)
            loss = F.cross_entropy(logits.view(-1, vocab), s[1:], reduction="sum")
            loss.backward()
            opt.step()
            return len(s) - 1, loss.item() / (len(s) - 1)

    warm_start = time.perf_counter()
    warm = 0
    while warm < a.warmup or time.perf_counter() - warm_start < a.warmup_seconds:
        step()
        warm += 1
    chars, steps, loss = 0, 0, float("nan")
    start = time.perf_counter()
    while time.perf_counter() - start < a.seconds:
        n, loss = step()
        chars += n
        steps += 1
    elapsed = time.perf_counter() - start
    print(json.dumps({"peer": "pytorch", "torch": torch.__version__, "threads": torch.get_num_threads(),
                      "blas": blas(), "optimizer": a.optimizer, "kind": a.kind, "mode": a.mode, "layers": a.layers, "hidden": a.hidden,
                      "embed": a.embed, "batch": a.batch, "seq": a.seq, "steps": steps, "seconds": elapsed,
                      "chars_per_second": chars / elapsed, "loss": loss}))


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
