"""Multi-scale spectral distance on held-out melodies: trained decoder vs a flat-spectrum harmonic baseline
(equal amplitudes on all harmonics below the band limit, overall level set so its A-weighted loudness equals
the true loudness of each frame, no noise). Writes models/ddsp/results.md and results.json.

    /usr/bin/python3 evaluate.py violin flute trumpet
"""
import glob
import json
import os
import sys

import numpy as np
import torch

from common import BAND_MAX_HZ, HARMONICS, HIDDEN, a_weighting
from decoder import Decoder
from losses import multiscale_spectral
from synth import FilteredNoise, harmonic

HERE = os.path.dirname(os.path.abspath(__file__))


def flat_baseline(f0, loudness):
    f = f0[..., None] * torch.arange(1, HARMONICS + 1)
    mask = torch.clamp((0.95 * BAND_MAX_HZ - f) / (0.15 * BAND_MAX_HZ), 0.0, 1.0)
    dist = mask / torch.clamp(mask.sum(-1, keepdim=True), min=1e-7)
    weights = torch.from_numpy(a_weighting(f.numpy()).astype(np.float32)) ** 2
    # Mean power of sum_k A c_k sin(.) under A-weighting is A^2 * sum_k c_k^2 w_k / 2.
    unit_power = torch.clamp((dist ** 2 * weights).sum(-1) / 2, min=1e-12)
    amplitude = torch.sqrt(10.0 ** (loudness / 10.0) / unit_power)[..., None]
    return harmonic(f0, amplitude, dist)


def evaluate(instrument):
    torch.manual_seed(0)
    decoder = Decoder()
    decoder.load_state_dict(torch.load(os.path.join(HERE, "work", instrument, "decoder.pt"))["state"])
    decoder.eval()
    noise = FilteredNoise()
    rows = []
    for path in sorted(glob.glob(os.path.join(HERE, "work", instrument, "test_*.npz"))):
        d = np.load(path)
        audio = torch.from_numpy(d["audio"])[None]
        f0 = torch.from_numpy(d["f0"])[None]
        ld = torch.from_numpy(d["loudness"])[None]
        with torch.no_grad():
            amplitude, distribution, magnitudes, _ = decoder(f0, ld, torch.zeros(1, 1, HIDDEN))
            ours = harmonic(f0, amplitude, distribution) + noise(magnitudes, generator=torch.Generator().manual_seed(1))
            rows.append((multiscale_spectral(audio, ours).item(), multiscale_spectral(audio, flat_baseline(f0, ld)).item()))
    rows = np.array(rows)
    return {"melodies": len(rows), "decoder": float(rows[:, 0].mean()), "flat_baseline": float(rows[:, 1].mean()),
            "decoder_better_on": int((rows[:, 0] < rows[:, 1]).sum())}


def main():
    torch.set_num_threads(1)
    results = {name: evaluate(name) for name in sys.argv[1:]}
    lines = ["| instrument | held-out melodies | decoder | flat harmonic baseline | decoder better on |",
             "|---|---|---|---|---|"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['melodies']} | {r['decoder']:.3f} | {r['flat_baseline']:.3f} | {r['decoder_better_on']}/{r['melodies']} |")
    table = "\n".join(lines)
    print(table)
    root = os.path.dirname(HERE)
    with open(os.path.join(root, "results.json"), "w") as f:
        json.dump(results, f, indent=2)
        f.write("\n")
    with open(os.path.join(root, "results.md"), "w") as f:
        f.write("# Multi-scale spectral distance on held-out melodies (lower is better)\n\n"
                "Sum over FFT sizes 2048..64 of mean |S - S'| + mean |log S - log S'| (16 kHz), averaged over melodies.\n"
                "Made by `cd models/ddsp/recipe && /usr/bin/python3 evaluate.py " + " ".join(sys.argv[1:]) + "`.\n\n"
                + table + "\n")


if __name__ == "__main__":
    main()
