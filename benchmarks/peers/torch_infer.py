#!/usr/bin/env python3
"""Inference speed of a PyTorch character model, the peer of the JMH benchmark InferenceBenchmark.

The model is the one InferenceBenchmark measures: nn.Embedding(V, E), an nn.LSTM or nn.GRU (or nn.RNN) of L
layers of H units, nn.Linear(H, V), random weights. B streams of text are scored in chunks of T characters with
the state carried from chunk to chunk (the log-softmax at each next character, summed), under torch.no_grad.
--mode sequence (the default) runs each chunk as one call of the recurrent module, as a PyTorch user scores
text; --mode step calls it once per character, as generation does. Prints one JSON line: the settings, the
characters per second of each timed round, and their median as chars_per_s.

  OMP_NUM_THREADS=1 python3 benchmarks/peers/torch_infer.py --kind lstm --hidden 512 --batch 32
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

MODULES = {"lstm": lambda e, h, l: nn.LSTM(e, h, num_layers=l),
           "gru-reset-after": lambda e, h, l: nn.GRU(e, h, num_layers=l),
           "rnn-tanh": lambda e, h, l: nn.RNN(e, h, num_layers=l),
           "rnn": lambda e, h, l: nn.RNN(e, h, num_layers=l, nonlinearity="relu")}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--kind", choices=sorted(MODULES), default="lstm")
    p.add_argument("--hidden", type=int, default=512)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--embed", type=int, default=64)
    p.add_argument("--vocab", type=int, default=65)
    p.add_argument("--batch", type=int, default=1)
    p.add_argument("--steps", type=int, default=50, help="characters per chunk (default 50)")
    p.add_argument("--mode", choices=["sequence", "step"], default="sequence")
    p.add_argument("--threads", type=int, default=1, help="torch threads (default 1, as the JMH forks run)")
    p.add_argument("--warmup", type=float, default=1.0, help="seconds of warm-up (default 1)")
    p.add_argument("--rounds", type=int, default=3, help="timed rounds (default 3)")
    p.add_argument("--seconds", type=float, default=1.0, help="seconds per timed round (default 1)")
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(23)
    embedding = nn.Embedding(a.vocab, a.embed)
    rnn = MODULES[a.kind](a.embed, a.hidden, a.layers)
    decoder = nn.Linear(a.hidden, a.vocab)
    chunk = torch.randint(a.vocab, (a.steps + 1, a.batch))  # time first, as nn.LSTM reads by default
    inputs, targets = chunk[:-1], chunk[1:].reshape(-1)
    state = None

    def score():
        nonlocal state
        x = embedding(inputs)
        if a.mode == "sequence":
            out, state = rnn(x, state)
        else:
            outs = []
            for t in range(a.steps):
                o, state = rnn(x[t:t + 1], state)
                outs.append(o)
            out = torch.cat(outs)
        logits = decoder(out).reshape(-1, a.vocab)
        return F.cross_entropy(logits, targets, reduction="sum").item()

    def rate(seconds):
        chunks, start = 0, time.perf_counter()
        while True:
            score()
            chunks += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                return chunks * a.batch * a.steps / elapsed

    with torch.no_grad():
        rate(a.warmup)
        rounds = [rate(a.seconds) for _ in range(a.rounds)]
    print(json.dumps({"impl": "pytorch", "torch": torch.__version__, "kind": a.kind, "hidden": a.hidden,
                      "layers": a.layers, "embed": a.embed, "vocab": a.vocab, "batch": a.batch, "steps": a.steps,
                      "mode": a.mode, "threads": a.threads, "rounds": [round(r, 1) for r in rounds],
                      "chars_per_s": round(statistics.median(rounds), 1)}))


if __name__ == "__main__":
    main()
