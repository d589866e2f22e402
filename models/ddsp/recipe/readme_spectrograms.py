"""Small spectrogram PNGs for the READMEs: FluidR3_GM's render of an instrument's first held-out melody above the
decoder's render of the same controls (the same audio evaluate.py measures; evaluate.py's own panels are full
size, 16 s and three rows).

    /usr/bin/python3 readme_spectrograms.py violin cello [--checkpoints checkpoint] [--data work] --out ../eval --seconds 6
"""
import argparse
import os

import numpy as np
import torch

from common import HIDDEN, SAMPLE_RATE
from evaluate import HERE, load_decoder
from spectrogram import write_panels
from synth import FilteredNoise, harmonic


def main():
    p = argparse.ArgumentParser()
    p.add_argument("instruments", nargs="+")
    p.add_argument("--checkpoints", default=os.path.join(HERE, "checkpoint"))
    p.add_argument("--data", default=os.path.join(HERE, "work"))
    p.add_argument("--out", required=True)
    p.add_argument("--seconds", type=float, default=6.0)
    a = p.parse_args()
    torch.set_num_threads(1)
    os.makedirs(a.out, exist_ok=True)
    for name in a.instruments:
        torch.manual_seed(0)
        decoder, saved = load_decoder(os.path.join(a.checkpoints, name, "weights.pt"))
        d = np.load(os.path.join(a.data, name, "test_000.npz"))
        samples = int(a.seconds * SAMPLE_RATE)
        f0, ld = torch.from_numpy(d["f0"])[None], torch.from_numpy(d["loudness"])[None]
        with torch.no_grad():
            amplitude, distribution, magnitudes, _ = decoder(f0, ld, torch.zeros(1, 1, HIDDEN))
            ours = harmonic(f0, amplitude, distribution) + FilteredNoise()(magnitudes, generator=torch.Generator().manual_seed(1))
        path = os.path.join(a.out, f"{name}.png")
        write_panels(path, [("FluidR3_GM", d["audio"][:samples]), (f"ours (step {saved['steps']})", ours[0, :samples].numpy())],
                     height=160, hop=480, colours=48)
        print(f"{path}: {os.path.getsize(path) // 1024} KiB")


if __name__ == "__main__":
    main()
