"""Trains decoders with the multi-scale spectral loss through the differentiable synth, resumably.

    /usr/bin/python3 train.py --instruments violin cello clarinet --minutes 60

Several instruments in one process take turns step by step, so all of them advance within one time budget
on a machine with few cores (one process per core, one thread each). Each resumes from
checkpoint/<instrument>/ and saves there at least every --save-minutes; --minutes is this run's wall-clock
budget, added to what was trained before.
"""
import argparse
import glob
import signal
import time

import numpy as np
import torch

import checkpoint
from common import HIDDEN, HOP, SAMPLE_RATE
from decoder import Decoder
from losses import multiscale_spectral
from synth import FilteredNoise, harmonic


def sources(folder, split="train"):
    """Which melody sources (sources.py) the data was made from: the manifest's license note needs them."""
    return sorted({str(np.load(p)["source"]) for p in glob.glob(f"{folder}/{split}_*.npz")})


def load(folder, split):
    items = []
    for path in sorted(glob.glob(f"{folder}/{split}_*.npz")):
        d = np.load(path)
        rate = int(d["sample_rate"]) if "sample_rate" in d else 16000
        if rate != SAMPLE_RATE:
            raise SystemExit(f"{path}: audio at {rate} Hz, the recipe trains at {SAMPLE_RATE} Hz (rerun make_data.py)")
        items.append((torch.from_numpy(d["audio"]), torch.from_numpy(d["f0"]), torch.from_numpy(d["loudness"])))
    if not items:
        raise SystemExit(f"{folder}: no {split}_*.npz (run make_data.py first)")
    return items


def render(decoder, noise, f0, loudness, generator=None):
    state = torch.zeros(1, f0.shape[0], HIDDEN, device=f0.device)
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


class Run:
    """One instrument's decoder, optimizer and position in training."""

    def __init__(self, instrument, data_root, lr, seed, device):
        self.instrument, self.base_lr, self.device = instrument, lr, device
        self.data = load(f"{data_root}/{instrument}", "train")
        self.sources = sources(f"{data_root}/{instrument}")
        self.decoder, self.noise = Decoder().to(device), FilteredNoise().to(device)
        self.optimizer = torch.optim.Adam(self.decoder.parameters(), lr=lr)
        self.rng = np.random.default_rng(seed)
        self.step, self.minutes = 0, 0.0
        saved, path = checkpoint.load(instrument)
        if saved is not None:
            if saved["config"] != self.decoder.config():
                raise SystemExit(f"{path}: decoder config {saved['config']} differs from the recipe's {self.decoder.config()}")
            self.decoder.load_state_dict(saved["state"])
            if "optimizer" in saved:
                self.optimizer.load_state_dict(saved["optimizer"])
                self.rng.bit_generator.state = saved["rng"]
            self.step, self.minutes = saved["steps"], saved["minutes"]
            print(f"{instrument}: resumed from {path} at step {self.step} ({self.minutes:.1f} min)", flush=True)

    def lr(self):
        # DDSP's schedule: 1e-3 decaying by 0.98 every 10k steps; step-based, so a resumed run continues it.
        return self.base_lr * 0.98 ** (self.step / 10000)

    def train_step(self, batch_size, frames):
        started = time.time()
        for g in self.optimizer.param_groups:
            g["lr"] = self.lr()
        audio, f0, ld = (x.to(self.device) for x in batch(self.data, self.rng, batch_size, frames))
        loss = multiscale_spectral(audio, render(self.decoder, self.noise, f0, ld))
        self.optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.decoder.parameters(), 2.0)
        self.optimizer.step()
        self.step += 1
        self.minutes += (time.time() - started) / 60
        return loss.item()

    def save(self):
        checkpoint.save(self.instrument, self.decoder, self.optimizer, self.step, self.minutes, self.rng.bit_generator.state,
                        self.sources)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--instruments", nargs="+", required=True)
    p.add_argument("--data", default="work", help="folder holding <instrument>/train_*.npz")
    p.add_argument("--minutes", type=float, default=12.0, help="wall-clock budget of this run")
    p.add_argument("--save-minutes", type=float, default=4.0)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--frames", type=int, default=250)   # 1 s crops
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--log-every", type=int, default=10)
    # One thread by default: on a shared 2-core machine two threads thrash (measured 5x slower per step).
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--device", default="cpu", help="cpu or cuda (use a GPU when the session has one)")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    runs = [Run(name, a.data, a.lr, a.seed + i, torch.device(a.device)) for i, name in enumerate(a.instruments)]
    start = last_save = time.time()
    losses = {r.instrument: [] for r in runs}
    stop = []
    # `kill <pid>` (SIGTERM) or Ctrl-C ends the run after the current step, with a checkpoint.
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    signal.signal(signal.SIGINT, lambda *_: stop.append(True))
    while time.time() - start < a.minutes * 60 and not stop:
        for r in runs:
            if stop:
                break
            losses[r.instrument].append(r.train_step(a.batch, a.frames))
            if r.step % a.log_every == 0:
                mean = float(np.mean(losses[r.instrument]))
                losses[r.instrument].clear()
                checkpoint.log(r.instrument, r.step, r.minutes, mean, r.lr())
                print(f"{r.instrument} step {r.step} {r.minutes:.1f} min loss {mean:.4f}", flush=True)
        if time.time() - last_save > a.save_minutes * 60:
            for r in runs:
                r.save()
            last_save = time.time()
    for r in runs:
        r.save()
        print(f"{r.instrument}: saved at step {r.step} ({r.minutes:.1f} min trained)", flush=True)


if __name__ == "__main__":
    main()
