"""Trains one instrument's decoder with the multi-scale spectral loss through the differentiable synth.

    /usr/bin/python3 train.py --data work/violin --out work/violin/decoder.pt --minutes 12

CPU only and time-bounded: the machine is shared (2 threads).
"""
import argparse
import glob
import math
import time

import numpy as np
import torch

from common import HIDDEN, HOP
from decoder import Decoder
from losses import multiscale_spectral
from synth import FilteredNoise, harmonic


def load(folder, split):
    items = [np.load(p) for p in sorted(glob.glob(f"{folder}/{split}_*.npz"))]
    return [(torch.from_numpy(d["audio"]), torch.from_numpy(d["f0"]), torch.from_numpy(d["loudness"])) for d in items]


def render(decoder, noise, f0, loudness, generator=None):
    state = torch.zeros(1, f0.shape[0], HIDDEN)
    amplitude, distribution, magnitudes, _ = decoder(f0, loudness, state)
    return harmonic(f0, amplitude, distribution) + noise(magnitudes, generator=generator)


def batch(data, rng, size, frames):
    audio, f0, ld = [], [], []
    for _ in range(size):
        a, f, l = data[rng.integers(len(data))]
        start = int(rng.integers(0, len(f) - frames))
        audio.append(a[start * HOP:(start + frames) * HOP])
        f0.append(f[start:start + frames])
        ld.append(l[start:start + frames])
    return torch.stack(audio), torch.stack(f0), torch.stack(ld)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--minutes", type=float, default=12.0)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--frames", type=int, default=250)   # 1 s crops
    p.add_argument("--seed", type=int, default=0)
    # One thread by default: on a shared 2-core machine two threads thrash (measured 5x slower per step).
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    data = load(a.data, "train")
    decoder, noise = Decoder(), FilteredNoise()
    optimizer = torch.optim.Adam(decoder.parameters(), lr=2e-3)
    budget = a.minutes * 60
    start, step = time.time(), 0
    while (elapsed := time.time() - start) < budget:
        for g in optimizer.param_groups:   # cosine decay over the time budget, 2e-3 -> 1e-4
            g["lr"] = 1e-4 + 0.5 * (2e-3 - 1e-4) * (1 + math.cos(math.pi * elapsed / budget))
        audio, f0, ld = batch(data, rng, a.batch, a.frames)
        loss = multiscale_spectral(audio, render(decoder, noise, f0, ld))
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(decoder.parameters(), 2.0)
        optimizer.step()
        step += 1
        if step % 25 == 0:
            print(f"step {step} {elapsed / 60:.1f} min loss {loss.item():.4f}", flush=True)
    torch.save({"state": decoder.state_dict(), "steps": step, "minutes": (time.time() - start) / 60}, a.out)
    print(f"done: {step} steps in {(time.time() - start) / 60:.1f} min")


if __name__ == "__main__":
    main()
