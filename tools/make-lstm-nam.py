#!/usr/bin/env python3
"""Writes a valid .nam LSTM (1 input, 1 layer by default) with seeded random weights, for benchmarks.

Weights follow PyTorch's LSTM initialisation, U(-1/sqrt(H), 1/sqrt(H)); initial hidden and cell state are
zero. The weight order is NeuralAmpModelerCore's: per layer W[4H][in+H] row-major, 4H biases, H initial
hidden, H initial cell; then the head's H weights and its bias.

usage: make-lstm-nam.py OUT.nam [--hidden 24] [--layers 1] [--seed 24]
"""
import argparse, json, random

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("--hidden", type=int, default=24)
p.add_argument("--layers", type=int, default=1)
p.add_argument("--seed", type=int, default=24)
a = p.parse_args()
rng = random.Random(a.seed)
h = a.hidden
k = h ** -0.5
weights = []
for layer in range(a.layers):
    inputs = 1 if layer == 0 else h
    weights += [rng.uniform(-k, k) for _ in range(4 * h * (inputs + h))]
    weights += [rng.uniform(-k, k) for _ in range(4 * h)]
    weights += [0.0] * (2 * h)
weights += [rng.uniform(-k, k) for _ in range(h)] + [0.0]
model = {
    "version": "0.5.4",
    "metadata": {"name": f"Random LSTM {a.layers}x{h} (benchmark)"},
    "architecture": "LSTM",
    "config": {"input_size": 1, "hidden_size": h, "num_layers": a.layers},
    "weights": weights,
    "sample_rate": 48000,
}
with open(a.out, "w") as f:
    json.dump(model, f)
