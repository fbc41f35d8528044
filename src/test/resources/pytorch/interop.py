"""PyTorch's side of recurrent4j's interchange tests (run by PyTorchInteropTest).

  interop.py make DIR   builds PyTorch character models (nn.Embedding, nn.LSTM / nn.GRU / nn.RNN, nn.Linear) with
                        random weights, saves each as safetensors (written by hand: the format is an 8-byte
                        little-endian header length, a JSON header, then the raw tensors) with its vocabulary, and
                        writes DIR/expected.json: per model, the per-character log-probabilities of text.txt.
  interop.py load DIR   reads DIR/exports.json (written by the test: recurrent4j's exports and their sizes), loads
                        each into torch.nn modules with load_state_dict(strict=True) and writes DIR/torch.json: the
                        log-probabilities PyTorch computes with them.

Exits with status 3 and one line when torch cannot be imported, so that the test skips.
"""
import json
import os
import struct
import sys

try:
    import torch
    import torch.nn as nn
except ImportError as e:
    print("no torch: %s" % e)
    sys.exit(3)

HERE = os.path.dirname(os.path.abspath(__file__))
TEXT = open(os.path.join(HERE, "text.txt"), encoding="utf-8").read()
DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16}
# Module names under which the models are saved: the import finds the tensors by their suffixes.
NAMES = [("embed", "rnn", "fc"), ("encoder", "model.lstm", "decoder"), ("emb", "core", "head.out")]


class CharModel(nn.Module):
    """nn.Embedding(V, E) -> recurrent module -> nn.Linear(H, V), under the given attribute paths."""

    def __init__(self, names, embedding, rnn, decoder):
        super().__init__()
        self.names = names
        for path, module in zip(names, (embedding, rnn, decoder)):
            owner = self
            parts = path.split(".")
            for part in parts[:-1]:
                if not hasattr(owner, part):
                    owner.add_module(part, nn.Module())
                owner = getattr(owner, part)
            owner.add_module(parts[-1], module)
        self.parts = [embedding, rnn, decoder]  # a plain list: registered once, under the names above

    def log_probs(self, indices, batch_first):
        """log p(text[t + 1] | text[..t]) for every t, from the zero state."""
        embedding, rnn, decoder = self.parts
        x = torch.tensor(indices[:-1]).unsqueeze(0 if batch_first else 1)
        out, _ = rnn(embedding(x))
        logits = decoder(out.squeeze(0 if batch_first else 1))
        lp = torch.log_softmax(logits.double(), dim=-1)
        return lp.gather(1, torch.tensor(indices[1:]).unsqueeze(1)).squeeze(1).tolist()


def recurrent(kind, e, h, layers, bias, batch_first):
    common = dict(num_layers=layers, bias=bias, batch_first=batch_first)
    if kind == "lstm":
        return nn.LSTM(e, h, **common)
    if kind == "gru":
        return nn.GRU(e, h, **common)
    return nn.RNN(e, h, nonlinearity=kind[4:], **common)


def save(path, tensors, dtype):
    """A safetensors file of the state dict's tensors in dtype, offsets in order, header padded to 8 bytes."""
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name, t in tensors.items():
        t = t.detach().to(DTYPES[dtype]).contiguous()
        raw = (t if dtype == "F32" else t.view(torch.int16)).numpy().tobytes()  # numpy has no bfloat16
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def load(path):
    """The tensors of a safetensors file (F32 only: what recurrent4j writes), and its metadata."""
    with open(path, "rb") as f:
        raw = f.read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    data = raw[8 + n:]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        assert entry["dtype"] == "F32", entry
        begin, end = entry["data_offsets"]
        tensors[name] = torch.frombuffer(bytearray(data[begin:end]), dtype=torch.float32).reshape(entry["shape"])
    return tensors, header.get("__metadata__", {})


def make(out):
    vocab = sorted(set(TEXT))
    indices = [vocab.index(c) for c in TEXT]
    cases, n = [], 0
    for kind in ("lstm", "gru", "rnn_tanh", "rnn_relu"):
        for layers in (1, 2):
            for bias in (True, False):
                for batch_first in (True, False):
                    torch.manual_seed(1000 + n)
                    names = NAMES[n % len(NAMES)]
                    dtype = ("F32", "F16", "BF16")[n % 3]
                    e, h = 8, 16
                    model = CharModel(names, nn.Embedding(len(vocab), e),
                                      recurrent(kind, e, h, layers, bias, batch_first), nn.Linear(h, len(vocab)))
                    with torch.no_grad():  # the weights as the file holds them, so both sides compute with the same
                        for p in model.parameters():
                            p.copy_(p.to(DTYPES[dtype]).float())
                    name = "%02d-%s-%d-%s-%s-%s" % (n, kind, layers, "bias" if bias else "nobias",
                                                    "bf" if batch_first else "sf", dtype)
                    save(os.path.join(out, name + ".safetensors"), model.state_dict(), dtype)
                    vocab_file = name + (".json" if n % 2 == 0 else ".txt")
                    with open(os.path.join(out, vocab_file), "w", encoding="utf-8") as f:
                        if n % 2 == 0:
                            json.dump(vocab, f)
                        else:  # one character per line, the newline as an empty line
                            f.write("".join(("" if c == "\n" else c) + "\n" for c in vocab))
                    with torch.no_grad():
                        lp = model.log_probs(indices, batch_first)
                    cases.append({"name": name, "vocab": vocab_file, "relu": kind == "rnn_relu", "logprobs": lp})
                    n += 1
    with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump({"cases": cases}, f)


def check(out):
    with open(os.path.join(out, "exports.json"), encoding="utf-8") as f:
        exports = json.load(f)["cases"]
    results = []
    for case in exports:
        tensors, metadata = load(os.path.join(out, case["file"]))
        with open(os.path.join(out, case["vocab"]), encoding="utf-8") as f:
            vocab = json.load(f)
        rows, e, h = len(vocab), case["embed"], case["hidden"]
        kind = {"lstm": "lstm", "gru-reset-after": "gru", "rnn-tanh": "rnn_tanh", "rnn": "rnn_relu"}[case["kind"]]
        model = CharModel(("embedding", "rnn", "decoder"), nn.Embedding(rows, e),
                          recurrent(kind, e, h, case["layers"], True, False), nn.Linear(h, rows))
        model.load_state_dict(tensors, strict=True)
        indices = [vocab.index(c) for c in TEXT]
        with torch.no_grad():
            lp = model.log_probs(indices, False)
        results.append({"name": case["name"], "logprobs": lp, "metadata": metadata})
    with open(os.path.join(out, "torch.json"), "w", encoding="utf-8") as f:
        json.dump({"cases": results}, f)


if __name__ == "__main__":
    torch.set_num_threads(1)
    {"make": make, "load": check}[sys.argv[1]](sys.argv[2])
