"""Trains the pitch encoder (pitch.PitchEncoder) on its own before the decoder trains around it: train.py runs this
once, when stage 2 starts from a checkpoint that has no pitch encoder (--init-from).

Random crops of the training audio at random gains (-20..0 dB, as training plays its batches; the labels come from
the unscaled audio), larger batches than the decoder's step, Adam 1e-3. 7 minutes reached 4-11 cents median error on
every held-out instrument (measured on this recipe's data, one CPU core).
"""
import time

import numpy as np
import torch

import pitch
from pitch_labels import EXTRA, labels


def pretrain(model, pqmf, audio, minutes, rng, crop=32768, batch=8, lr=1e-3, log=print):
    """Returns (steps, mean loss of the last 200 steps)."""
    device = next(model.parameters()).device
    ratio = model.config["bands"] * model.band_ratio
    opt = torch.optim.Adam(model.pitch.parameters(), lr)
    start, steps, losses = time.time(), 0, []
    while time.time() - start < minutes * 60:
        starts = rng.integers(0, len(audio) - crop - EXTRA - 1, batch)
        raw = np.stack([audio[s:s + crop + EXTRA] for s in starts])
        target, voiced = labels(raw, ratio, crop // ratio)
        gains = (10 ** (rng.uniform(-20, 0, (batch, 1)) / 20)).astype(np.float32)
        x = torch.from_numpy(raw[:, :crop] * gains).unsqueeze(1).to(device)
        with torch.no_grad():
            bands, _ = pqmf.analysis(x)
        loss = pitch.loss(model.pitch(bands), torch.from_numpy(target).to(device), torch.from_numpy(voiced).to(device))
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
        steps += 1
        if steps % 500 == 0:
            log(f"pitch pre-training step {steps}: loss {np.mean(losses[-500:]):.4f}")
    return steps, float(np.mean(losses[-200:]))
