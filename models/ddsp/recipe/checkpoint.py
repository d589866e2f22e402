"""Checkpoints that let training stop and resume at any time.

Per instrument, in checkpoint/<instrument>/:
- last.pt: weights, Adam state, step, minutes trained, data-sampling RNG (resumes exactly; ~2.7 MB, not committed);
- weights.pt: weights, step, minutes and decoder config only (~0.9 MB): small enough to commit, so the next
  session can resume from a clone (Adam's moments restart from zero, which costs a few steps) and export;
- log.csv: step, minutes, loss, learning rate.
Files are written to a temporary name and renamed, so a kill mid-write never leaves a broken checkpoint.
"""
import os

import torch

ROOT = os.environ.get("DDSP_CHECKPOINTS", os.path.join(os.path.dirname(os.path.abspath(__file__)), "checkpoint"))


def folder(instrument):
    path = os.path.join(ROOT, instrument)
    os.makedirs(path, exist_ok=True)
    return path


def _atomic_save(obj, path):
    tmp = path + ".tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def save(instrument, decoder, optimizer, step, minutes, rng_state, sources):
    base = folder(instrument)
    small = {"state": decoder.state_dict(), "config": decoder.config(), "steps": step, "minutes": minutes,
             "sources": sources}
    _atomic_save(dict(small, optimizer=optimizer.state_dict(), rng=rng_state), os.path.join(base, "last.pt"))
    _atomic_save(small, os.path.join(base, "weights.pt"))


def load(instrument):
    """The fullest checkpoint there is (last.pt, else weights.pt), or None for a fresh start."""
    for name in ("last.pt", "weights.pt"):
        path = os.path.join(ROOT, instrument, name)
        if os.path.exists(path):
            return torch.load(path, map_location="cpu"), path
    return None, None


def log(instrument, step, minutes, loss, lr):
    path = os.path.join(folder(instrument), "log.csv")
    new = not os.path.exists(path)
    with open(path, "a") as f:
        if new:
            f.write("step,minutes,loss,lr\n")
        f.write(f"{step},{minutes:.2f},{loss:.5f},{lr:.6g}\n")
