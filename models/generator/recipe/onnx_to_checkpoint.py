"""Warm start: turn a shipped model.onnx back into a PyTorch state dict for model.py, growing the vocabulary.

The ONNX export keeps the embedding, biases and LayerNorms under their PyTorch names; each Linear's weight is
stored transposed as an anonymous MatMul initializer, in module order (per block qkv, proj, ff1, ff2, then the
tied output projection). New token rows (ids appended to the vocabulary since that model) start as fresh
N(0, 0.02) rows, like model.py's own initialisation.

  /usr/bin/python3 onnx_to_checkpoint.py <model.onnx> <new vocab size> <out.pt>
"""
import sys

import numpy as np
import onnx
import torch
from onnx import numpy_helper


def convert(onnx_path, vocab, out):
    g = onnx.load(onnx_path).graph
    named = {t.name: numpy_helper.to_array(t) for t in g.initializer}
    state = {k[len("model."):]: torch.tensor(v.copy()) for k, v in named.items() if k.startswith("model.")}
    matmuls = [numpy_helper.to_array(t) for t in g.initializer if t.name.startswith("onnx::MatMul")]
    layers = sum(1 for k in state if k.endswith("ln1.weight"))
    assert len(matmuls) == 4 * layers + 1, "unexpected graph layout"
    for i in range(layers):
        for j, name in enumerate(["qkv", "proj", "ff1", "ff2"]):
            state[f"blocks.{i}.{name}.weight"] = torch.tensor(matmuls[4 * i + j].T.copy())
    old = state["embed.weight"]
    assert np.allclose(matmuls[-1].T, old.numpy()), "output projection is not tied to the embedding"
    torch.manual_seed(0)
    grown = torch.randn(vocab, old.shape[1]) * 0.02
    grown[: old.shape[0]] = old
    state["embed.weight"] = grown
    torch.save(state, out)
    print(f"{onnx_path}: {layers} layers, vocab {old.shape[0]} -> {vocab}, wrote {out}")


if __name__ == "__main__":
    convert(sys.argv[1], int(sys.argv[2]), sys.argv[3])
