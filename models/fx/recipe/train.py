"""Trains a knob-conditioned LSTM to capture one of the repo's reference effects and ships it.

  /usr/bin/python3 models/fx/recipe/train.py --effect overdrive --minutes 25 --hidden 24 --chunk 250 --threads 1 --knob-dist arcsine
  /usr/bin/python3 models/fx/recipe/train.py --effect compressor --minutes 28 --hidden 40 --chunk 250 --threads 1 --knob-dist arcsine

(the shipped models; each manifest's "source" is its exact command). Needs the .NET 10 SDK: targets are
rendered by the C# reference DSP through render_targets.cs. Training is wall-clock bounded, so results vary
with machine load; chunk 250 gave 4x the optimizer steps of 1000 and far lower ESR for both effects.

Writes models/fx/<effect>/{model.json, model.onnx, manifest.json}. CPU only, deterministic data (seeded).
"""
import argparse
import json
import math
import os
import tempfile
import time

import numpy as np
import torch

import audio
import export
import targets
from model import ConditionedLstm

SEGMENT = 12000      # 0.25 s: several compressor release constants, short enough for many knob draws
WARMUP = 1000        # samples run without loss so every chunk starts from a settled state
EVAL_SECONDS = 4
EVAL_KNOBS = {
    "overdrive": [[0.0, 0.5], [0.25, 0.2], [0.5, 0.5], [0.75, 0.8], [1.0, 1.0]],
    "compressor": [[1.0, 0.0], [0.2, 0.3], [0.5, 0.5], [0.8, 0.9], [0.0, 1.0]],
}
SKIP = {"overdrive": 0, "compressor": 2}  # a compressor is its input under a gain (skip 2: output x input); an overdrive is not


def split_clips(rng, workdir):
    """Train/held-out by time: the last 20 % of every source (and a separately seeded pluck take) is held out."""
    clips = [audio.karplus_strong(rng, 90)] + audio.fluidsynth_clips(workdir, rng, 40)
    train, held = [], []
    for c in clips:
        cut = int(len(c) * 0.8)
        train.append(c[:cut])
        held.append(c[cut:])
    held.append(audio.karplus_strong(np.random.default_rng(777), EVAL_SECONDS + 1))
    return train, held


def draw_knobs(rng, count, dist):
    """uniform, or arcsine (Beta(0.5, 0.5)): the corners of the knob square, where the effects are most extreme
    and the captures were least accurate, get more of the training segments."""
    if dist == "arcsine":
        return rng.beta(0.5, 0.5, size=(count, 2)).astype(np.float32)
    return rng.uniform(0, 1, size=(count, 2)).astype(np.float32)


def training_set(rng, effect, clips, draws, workdir, knob_dist):
    segs = []
    for c in clips:
        for s in range(0, len(c) - SEGMENT, SEGMENT):
            segs.append(c[s:s + SEGMENT])
    segs = np.stack(segs)
    segs = np.concatenate([segs] * draws)
    # Level per segment, -24..0 dB relative to each source's peak: the compressor's behaviour depends on it.
    segs *= (10 ** (rng.uniform(-24, 0, size=(len(segs), 1)) / 20)).astype(np.float32)
    knobs = draw_knobs(rng, len(segs), knob_dist)
    return segs, knobs, targets.render(effect, segs, knobs, workdir)


def held_out_set(effect, clips, workdir):
    length = EVAL_SECONDS * audio.RATE
    base = np.stack([c[:length] / max(1e-9, np.abs(c[:length]).max()) * 0.5 for c in clips if len(c) >= length])
    knobs = np.array(EVAL_KNOBS[effect], dtype=np.float32)
    segs = np.concatenate([base] * len(knobs))
    kn = np.repeat(knobs, len(base), axis=0)
    return segs, kn, targets.render(effect + "", segs, kn, workdir)


def esr(y, t):
    return ((y - t) ** 2).sum() / ((t ** 2).sum() + 1e-9)


def evaluate(model, segs, kn, tgt, settings):
    model.eval()
    with torch.no_grad():
        y, _ = model(torch.from_numpy(segs), torch.from_numpy(kn))
    y = y.numpy()
    result = []
    for k in settings:
        rows = np.all(kn == np.array(k, dtype=np.float32), axis=1)
        result.append(float(esr(y[rows], tgt[rows])))
    model.train()
    return result


def train(model, segs, knobs, tgt, minutes, batch, lr, chunk):
    """Truncated BPTT: one optimizer step per `chunk` samples, state carried across chunks of a segment."""
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    start, step = time.time(), 0
    budget = minutes * 60
    rng = np.random.default_rng(0)
    x_all, k_all, t_all = (torch.from_numpy(a) for a in (segs, knobs, tgt))
    while time.time() - start < budget:
        idx = torch.from_numpy(rng.choice(len(segs), batch, replace=False))
        x, k, t = x_all[idx], k_all[idx], t_all[idx]
        with torch.no_grad():
            _, state = model(x[:, :WARMUP], k)
        for c in range(WARMUP, SEGMENT, chunk):
            frac = min(1.0, (time.time() - start) / budget)
            for g in opt.param_groups:  # cosine decay by wall time: the budget, not an epoch count, is fixed
                g["lr"] = lr * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * frac)))
            y, state = model(x[:, c:c + chunk], k, state)
            state = tuple(s.detach() for s in state)
            loss = ((y - t[:, c:c + chunk]) ** 2).sum() / ((t[:, c:c + chunk] ** 2).sum() + 1e-6)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            step += 1
        if step % 200 < (SEGMENT - WARMUP) // chunk:
            print(f"{time.time() - start:6.0f}s step {step} loss {loss.item():.4f}", flush=True)
    return time.time() - start, step


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--effect", choices=sorted(SKIP), required=True)
    p.add_argument("--skip", type=int, choices=[0, 1, 2], help="output mode (default per effect, see SKIP)")
    p.add_argument("--minutes", type=float, default=11)
    p.add_argument("--hidden", type=int, default=20)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=5e-3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--draws", type=int, default=3)
    # Short chunks suit the overdrive (its memory is the tone filter, tens of samples); the compressor's
    # 40 ms release needs gradients through ~1000 samples.
    p.add_argument("--chunk", type=int, default=1000)
    p.add_argument("--knob-dist", choices=["uniform", "arcsine"], default="uniform")
    p.add_argument("--out", help="output folder (default models/fx/<effect>)")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    rng = np.random.default_rng(1234)
    workdir = tempfile.mkdtemp(prefix=f"fx-{args.effect}-")
    train_clips, held_clips = split_clips(rng, workdir)
    segs, knobs, tgt = training_set(rng, args.effect, train_clips, args.draws, workdir, args.knob_dist)
    h_segs, h_knobs, h_tgt = held_out_set(args.effect, held_clips, workdir)
    print(f"train {segs.size / audio.RATE:.0f} s, held-out {h_segs.size / audio.RATE:.0f} s", flush=True)
    skip = SKIP[args.effect] if args.skip is None else args.skip
    model = ConditionedLstm(2, args.hidden, skip)
    seconds, steps = train(model, segs, knobs, tgt, args.minutes, args.batch, args.lr, args.chunk)
    scores = evaluate(model, h_segs, h_knobs, h_tgt, EVAL_KNOBS[args.effect])
    print("held-out ESR", dict(zip(map(str, EVAL_KNOBS[args.effect]), scores)), flush=True)
    out = args.out or os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), args.effect)
    export.ship(model, args.effect, out, {
        "training_seconds": round(seconds), "steps": steps, "hidden": args.hidden,
        "train_audio_seconds": round(segs.size / audio.RATE), "held_out_audio_seconds": round(h_segs.size / audio.RATE),
        "esr": [{"knobs": k, "esr": round(s, 5)} for k, s in zip(EVAL_KNOBS[args.effect], scores)],
        "command": f"/usr/bin/python3 models/fx/recipe/train.py --effect {args.effect} --minutes {args.minutes} "
                   f"--hidden {args.hidden} --batch {args.batch} --lr {args.lr} --chunk {args.chunk} --threads {args.threads} "
                   f"--draws {args.draws} --knob-dist {args.knob_dist} --skip {skip}",
    })


if __name__ == "__main__":
    main()
