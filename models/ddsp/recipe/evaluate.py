"""Held-out quality of the full-band decoders against the real instrument (FluidR3_GM's render of the same
MIDI) and a flat-harmonic baseline, at 48 kHz (issue #15, item 3):

- multi-scale spectral distance (the training loss: FFT 2048..64, linear + log magnitude) of ours and of the
  baseline to FluidR3_GM's render; goal: ours at least 2x lower than the baseline;
- 8-16 kHz band energy relative to the total, for FluidR3_GM, ours and the baseline; goal: ours within 6 dB
  of FluidR3_GM's.

The baseline has equal amplitudes on every harmonic below the band limit, its level set per frame so its
A-weighted loudness equals the true loudness, and no noise. Melodies are the held-out test_*.npz of each
instrument (make_data.py: the datasets' test splits and seeds never used for training).

    /usr/bin/python3 evaluate.py violin cello [--checkpoints checkpoint] [--data work] [--out work/eval]

Writes <out>/results.md, results.json and <instrument>.png (spectrograms: FluidR3_GM | ours | baseline).
"""
import argparse
import glob
import json
import os

import numpy as np
import torch

from common import BAND_MAX_HZ, HARMONICS, HIDDEN, SAMPLE_RATE, a_weighting
from decoder import Decoder
from losses import multiscale_spectral
from spectrogram import write_panels
from synth import FilteredNoise, harmonic

HERE = os.path.dirname(os.path.abspath(__file__))
BAND = (8000.0, 16000.0)
WELCH = 4096          # Hann frames, half overlap: the same definition as the C# test's BandEnergy


def flat_baseline(f0, loudness):
    f = f0[..., None] * torch.arange(1, HARMONICS + 1)
    mask = torch.clamp((0.95 * BAND_MAX_HZ - f) / (0.15 * BAND_MAX_HZ), 0.0, 1.0)
    dist = mask / torch.clamp(mask.sum(-1, keepdim=True), min=1e-7)
    weights = torch.from_numpy(a_weighting(f.numpy()).astype(np.float32)) ** 2
    # Mean power of sum_k A c_k sin(.) under A-weighting is A^2 * sum_k c_k^2 w_k / 2.
    unit_power = torch.clamp((dist ** 2 * weights).sum(-1) / 2, min=1e-12)
    amplitude = torch.sqrt(10.0 ** (loudness / 10.0) / unit_power)[..., None]
    return harmonic(f0, amplitude, dist)


def band_power(audio, band=BAND, sample_rate=SAMPLE_RATE):
    """(power in band, total power), Welch-averaged; pooled over melodies before taking the ratio."""
    audio = np.asarray(audio, dtype=np.float64)
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(WELCH) / WELCH)
    starts = range(0, len(audio) - WELCH + 1, WELCH // 2)
    power = sum(np.abs(np.fft.rfft(audio[s:s + WELCH] * window)) ** 2 for s in starts)
    hz = np.fft.rfftfreq(WELCH, 1.0 / sample_rate)
    return float(power[(hz >= band[0]) & (hz < band[1])].sum()), float(power.sum())


def load_decoder(path):
    saved = torch.load(path, map_location="cpu")
    decoder = Decoder(**saved["config"])
    decoder.load_state_dict(saved["state"])
    return decoder.eval(), saved


def evaluate(instrument, checkpoints, data, out):
    torch.manual_seed(0)
    decoder, saved = load_decoder(os.path.join(checkpoints, instrument, "weights.pt"))
    noise = FilteredNoise()
    rows, power = [], {"fluidr3": [0.0, 0.0], "ours": [0.0, 0.0], "baseline": [0.0, 0.0]}
    paths = sorted(glob.glob(os.path.join(data, instrument, "test_*.npz")))
    if not paths:
        raise SystemExit(f"{data}/{instrument}: no test_*.npz (run make_data.py)")
    for i, path in enumerate(paths):
        d = np.load(path)
        reference = torch.from_numpy(d["audio"])[None]
        f0, ld = torch.from_numpy(d["f0"])[None], torch.from_numpy(d["loudness"])[None]
        with torch.no_grad():
            amplitude, distribution, magnitudes, _ = decoder(f0, ld, torch.zeros(1, 1, HIDDEN))
            ours = harmonic(f0, amplitude, distribution) + noise(magnitudes, generator=torch.Generator().manual_seed(1))
            base = flat_baseline(f0, ld)
            rows.append((multiscale_spectral(reference, ours).item(), multiscale_spectral(reference, base).item()))
        for name, audio in (("fluidr3", reference), ("ours", ours), ("baseline", base)):
            band, total = band_power(audio[0].numpy())
            power[name][0] += band
            power[name][1] += total
        if i == 0:
            write_panels(os.path.join(out, f"{instrument}.png"),
                         [("FluidR3_GM", reference[0].numpy()), ("ours", ours[0].numpy()), ("flat baseline", base[0].numpy())])
    rows = np.array(rows)
    band_db = {name: 10 * np.log10(max(b, 1e-30) / max(t, 1e-30)) for name, (b, t) in power.items()}
    result = {"melodies": len(rows), "steps": saved["steps"], "minutes": round(saved["minutes"], 1),
              "decoder": float(rows[:, 0].mean()), "flat_baseline": float(rows[:, 1].mean()),
              "decoder_better_on": int((rows[:, 0] < rows[:, 1]).sum()),
              "band_8_16k_db": {k: round(float(v), 2) for k, v in band_db.items()}}
    result["baseline_over_decoder"] = result["flat_baseline"] / result["decoder"]
    result["meets_distance_goal"] = bool(result["baseline_over_decoder"] >= 2.0)
    result["meets_band_goal"] = bool(abs(band_db["ours"] - band_db["fluidr3"]) <= 6.0)
    return result


def table(results):
    lines = ["| instrument | steps | held-out melodies | ours | flat baseline | baseline / ours (goal ≥ 2) | ours better on "
             "| 8–16 kHz: FluidR3_GM | ours (goal ±6 dB) | baseline |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        b = r["band_8_16k_db"]
        lines.append(f"| {name} | {r['steps']} | {r['melodies']} | {r['decoder']:.3f} | {r['flat_baseline']:.3f} "
                     f"| {r['baseline_over_decoder']:.2f} | {r['decoder_better_on']}/{r['melodies']} "
                     f"| {b['fluidr3']:.1f} dB | {b['ours']:.1f} dB | {b['baseline']:.1f} dB |")
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("instruments", nargs="+")
    p.add_argument("--checkpoints", default=os.path.join(HERE, "checkpoint"))
    p.add_argument("--data", default=os.path.join(HERE, "work"))
    p.add_argument("--out", default=os.path.join(HERE, "work", "eval"))
    a = p.parse_args()
    torch.set_num_threads(1)
    os.makedirs(a.out, exist_ok=True)
    results = {name: evaluate(name, a.checkpoints, a.data, a.out) for name in a.instruments}
    text = table(results)
    print(text)
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump(results, f, indent=2)
        f.write("\n")
    with open(os.path.join(a.out, "results.md"), "w") as f:
        f.write("# Full-band decoders on held-out melodies, 48 kHz (lower distance is better)\n\n"
                "Multi-scale spectral distance: sum over FFT sizes 2048..64 (hop 1/4, Hann) of mean |S - S'| + "
                "mean |log S - log S'| against FluidR3_GM's render of the same MIDI, averaged over melodies. "
                "8–16 kHz: band energy relative to the total (Welch, 4096-point Hann, half overlap), pooled over "
                "melodies.\nMade by `cd models/ddsp/recipe && /usr/bin/python3 evaluate.py "
                + " ".join(a.instruments) + "`.\n\n" + text + "\n")


if __name__ == "__main__":
    main()
