"""Input-vs-output spectrograms for the README: log-frequency (40 Hz .. 16 kHz), 80 dB range, input on top and the
model's output below, one PNG per file (numpy + PIL only).

  /usr/bin/python3 spectrogram.py --model ../fluid-small --out ../spectrograms work/data/heldout_violin.wav <voice.wav>
"""
import argparse
import os

import numpy as np
from PIL import Image, ImageDraw

from diagnose import SR, load
from evaluate import read_any, run_model


def log_spec(x, height=240, hop=480, n=4096):
    w = np.hanning(n)
    frames = [x[i:i + n] * w for i in range(0, len(x) - n, hop)]
    mag = np.abs(np.fft.rfft(np.array(frames), axis=1)).T  # [bins, frames]
    freqs = np.fft.rfftfreq(n, 1 / SR)
    targets = np.geomspace(40, 16000, height)
    rows = np.array([np.interp(targets, freqs, mag[:, j]) for j in range(mag.shape[1])]).T
    db = 20 * np.log10(rows + 1e-9)
    return db[::-1]  # high frequencies on top


def colour(db, top):
    v = np.clip((db - (top - 80)) / 80, 0, 1)
    # A dark-blue -> magenta -> yellow ramp.
    r = np.clip(1.8 * v, 0, 1)
    g = np.clip(1.8 * v - 0.8, 0, 1)
    b = np.clip(0.5 + 0.5 * np.sin(np.pi * v * 1.5), 0, 1) * (1 - 0.7 * v)
    return (np.stack([r, g, b], -1) * 255).astype(np.uint8)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="../fluid-small")
    p.add_argument("--out", default="../spectrograms")
    p.add_argument("--seconds", type=float, default=8.0)
    p.add_argument("--label", default="")
    p.add_argument("files", nargs="+")
    args = p.parse_args()
    model, pqmf, _ = load(args.model)
    os.makedirs(args.out, exist_ok=True)
    for path in args.files:
        x = read_any(path)[: int(args.seconds * SR)]
        y = run_model(model, pqmf, x)
        a, b = log_spec(x), log_spec(y)
        top = max(a.max(), b.max())
        img = np.concatenate([colour(a, top), np.full((6, a.shape[1], 3), 255, np.uint8), colour(b, top)], 0)
        im = Image.fromarray(img)
        draw = ImageDraw.Draw(im)
        name = os.path.basename(path).replace(".wav", "")
        draw.text((4, 2), f"input: {name}", fill=(255, 255, 255))
        draw.text((4, a.shape[0] + 8), f"output: {args.label or os.path.basename(os.path.normpath(args.model))}",
                  fill=(255, 255, 255))
        out = os.path.join(args.out, f"{name}.png")
        im.save(out, optimize=True)
        print(out, im.size)


if __name__ == "__main__":
    main()
