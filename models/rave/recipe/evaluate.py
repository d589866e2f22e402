"""Measures a RAVE model as a performer uses it: held-out renders in, audio out, compared with the input.

Held-out audio (render_data.py): melodies from the datasets' test splits, never trained on, played at velocities
75..89 that training never uses, one file per instrument (work/data/heldout_<instrument>.wav), plus the sung
vocadito recording (out of domain). For each file and each system -- the input itself, silence, the shipped
"drone" model, the model under test -- it reports:

  env   Pearson correlation of 50 ms RMS envelopes, input vs output
  f0    median |f0 error| in cents over frames voiced in both input and output (YIN in numpy, independent of the
        model), with `voiced` = share of the input's voiced frames that are voiced in the output too
  mss   multi-scale spectral distance (losses.py, the training loss) between output and input

The model's output is compared after removing its PQMF delay (exactly what the C# processor compensates).

  /usr/bin/python3 evaluate.py --model checkpoint/last.pt [--drone ../fluid-small] [--json out.json]
"""
import argparse
import glob
import json
import os

import numpy as np
import torch

from diagnose import SR, load, load_wav
from losses import multiscale_spectral_distance

VOCADITO = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "../../../tests/NeuralSynth.Transcription.Tests/data/vocadito_10.wav")


def read_any(path):
    import wave
    with wave.open(path) as w:
        rate = w.getframerate()
    x = load_wav(path)
    if rate != SR:
        from scipy.signal import resample_poly
        g = np.gcd(rate, SR)
        x = resample_poly(x, SR // g, rate // g).astype(np.float32)
    return x


def envelope(x, hop=2400):
    n = len(x) // hop * hop
    return np.sqrt(np.mean(x[:n].reshape(-1, hop).astype(np.float64) ** 2, 1))


def yin(x, sr=SR, hop=480, window=1600, fmin=60.0, fmax=1500.0, threshold=0.15, silence_db=-40.0):
    """YIN (de Cheveigne & Kawahara 2002): cumulative-mean-normalised difference, absolute threshold, parabolic
    refinement. Returns f0 per 10 ms frame (Hz) and a voiced mask (periodic and not silent)."""
    tau_max, tau_min = int(sr / fmin), int(sr / fmax)
    n_frames = max(0, (len(x) - window - tau_max) // hop)
    x = x.astype(np.float64)
    f0, voiced = np.zeros(n_frames), np.zeros(n_frames, dtype=bool)
    if n_frames == 0:
        return f0, voiced
    idx = np.arange(n_frames)[:, None] * hop
    seg = x[idx + np.arange(window + tau_max)[None, :]]
    nfft = 1 << int(np.ceil(np.log2(2 * window + tau_max)))
    a = np.fft.rfft(seg[:, :window], nfft)
    b = np.fft.rfft(seg, nfft)
    r = np.fft.irfft(np.conj(a) * b, nfft)[:, :tau_max + 1]       # r[tau] = sum_j x[j] x[j + tau], j < window
    c = np.concatenate([np.zeros((n_frames, 1)), np.cumsum(seg ** 2, 1)], 1)
    taus = np.arange(tau_max + 1)
    e_tau = c[:, taus + window] - c[:, taus]                       # energy of x[tau : tau + window]
    d = e_tau[:, :1] + e_tau - 2 * r
    d[:, 0] = 0
    cmnd = np.ones_like(d)
    cum = np.cumsum(d[:, 1:], 1)
    cmnd[:, 1:] = d[:, 1:] * taus[1:] / np.maximum(cum, 1e-12)
    rms = np.sqrt(e_tau[:, 0] / window)
    level = 20 * np.log10(rms + 1e-12)
    loud_enough = (level > 20 * np.log10(np.percentile(rms, 95) + 1e-12) + silence_db) & (level > -70)
    for i in range(n_frames):
        row = cmnd[i]
        below = np.nonzero(row[tau_min:] < threshold)[0]
        if len(below) == 0 or not loud_enough[i]:
            continue
        t = tau_min + below[0]
        while t + 1 <= tau_max and row[t + 1] < row[t]:
            t += 1
        if 1 <= t < tau_max:
            y0, y1, y2 = row[t - 1], row[t], row[t + 1]
            den = y0 - 2 * y1 + y2
            t = t + (0.5 * (y0 - y2) / den if abs(den) > 1e-12 else 0.0)
        f0[i], voiced[i] = sr / t, True
    return f0, voiced


def measures(x, y):
    """x: input, y: output, aligned, same length."""
    ex, ey = envelope(x), envelope(y)
    env = float(np.corrcoef(ex, ey)[0, 1]) if ey.std() > 0 and ex.std() > 0 else 0.0
    fx, vx = yin(x)
    fy, vy = yin(y)
    both = vx & vy
    cents = np.abs(1200 * np.log2(fy[both] / fx[both])) if both.any() else np.array([])
    f0 = float(np.median(cents)) if len(cents) else float("nan")
    voiced = float(both.sum() / max(1, vx.sum()))
    yt, xt = torch.from_numpy(y.astype(np.float32)).reshape(1, 1, -1), torch.from_numpy(x.astype(np.float32)).reshape(1, 1, -1)
    mss = float(multiscale_spectral_distance(yt, xt))
    return dict(env=env, f0=f0, voiced=voiced, mss=mss)


def run_model(model, pqmf, x):
    """Offline pass (what RaveOffline.Render computes), delay removed: output aligned with x."""
    ratio = model.config["bands"] * model.band_ratio
    n = len(x)
    pad = (-(n + pqmf.delay)) % ratio
    xt = torch.from_numpy(np.concatenate([x, np.zeros(pqmf.delay + pad, np.float32)])).reshape(1, 1, -1)
    with torch.no_grad():
        bands, _ = pqmf.analysis(xt)
        z, _ = model.encode(bands, sample=False)
        y, _ = pqmf.synthesis(model.decode(z))
    return y[0, 0, pqmf.delay:pqmf.delay + n].numpy()


def latent_pitch_probe(model, pqmf, files):
    """How much pitch the latents carry (decides when stage 1 has learnt enough to freeze the encoder): YIN f0 of the
    input per latent frame, predicted from z by the nearest neighbour among a random half of the voiced frames of
    all held-out files; median |error| in cents on the other half (predicting the mean scores ~400)."""
    zs, fs = [], []
    ratio = model.config["bands"] * model.band_ratio
    for path in files:
        x = read_any(path)
        x = x[: len(x) // ratio * ratio]
        with torch.no_grad():
            z = model.encoder(pqmf.analysis(torch.from_numpy(x).reshape(1, 1, -1))[0])[0][0].T.numpy()
        f, v = yin(np.concatenate([x, np.zeros(4000, np.float32)]), hop=ratio)
        n = min(len(z), len(f))
        zs.append(z[:n][v[:n]])
        fs.append(1200 * np.log2(f[:n][v[:n]]))
    z, f = np.concatenate(zs), np.concatenate(fs)
    train = np.random.default_rng(0).random(len(f)) < 0.5
    d = ((z[~train][:, None, :] - z[train][None, :, :]) ** 2).sum(-1)
    return float(np.median(np.abs(f[train][d.argmin(1)] - f[~train])))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="checkpoint/last.pt", help="a training checkpoint or an exported model folder")
    p.add_argument("--drone", default="../fluid-small", help="baseline model (today's shipped drone)")
    p.add_argument("--data", default="work/data")
    p.add_argument("--seconds", type=float, default=0, help="evaluate only the first N seconds of each file")
    p.add_argument("--json", default=None)
    p.add_argument("--save-audio", default=None, help="folder for the model's outputs (wav)")
    args = p.parse_args()
    torch.set_num_threads(1)
    systems = {}
    if args.drone and os.path.exists(args.drone):
        systems["drone"] = load(args.drone)[:2]
    systems["model"] = load(args.model)[:2]
    files = sorted(glob.glob(os.path.join(args.data, "heldout_*.wav")))
    if os.path.exists(VOCADITO):
        files.append(VOCADITO)
    results = {}
    for path in files:
        name = os.path.basename(path).replace("heldout_", "").replace(".wav", "")
        x = read_any(path)
        if args.seconds:
            x = x[: int(args.seconds * SR)]
        row = {"input": measures(x, x), "silence": measures(x, np.zeros_like(x))}
        for s, (model, pqmf) in systems.items():
            y = run_model(model, pqmf, x)
            row[s] = measures(x, y)
            if s == "model" and args.save_audio:
                import wave
                os.makedirs(args.save_audio, exist_ok=True)
                with wave.open(os.path.join(args.save_audio, f"{name}.wav"), "wb") as w:
                    w.setnchannels(1), w.setsampwidth(2), w.setframerate(SR)
                    w.writeframes((np.clip(y, -1, 1) * 32767).astype("<i2").tobytes())
        results[name] = row
        print(name, " ".join(f"{s}: env {m['env']:.3f} f0 {m['f0']:.0f}c ({m['voiced']:.0%}) mss {m['mss']:.2f}"
                             for s, m in row.items()), flush=True)
    in_domain = [k for k in results if k != "vocadito_10"]
    cols = list(next(iter(results.values())).keys())
    print("\n| file | " + " | ".join(f"{c} env / f0 c (voiced) / mss" for c in cols) + " |")
    print("|---|" + "---|" * len(cols))
    rows = list(results.items())
    mean = {c: {k: float(np.nanmean([results[f][c][k] for f in in_domain])) for k in ("env", "f0", "voiced", "mss")}
            for c in cols}
    rows.append(("**mean, in-domain**", mean))
    for name, row in rows:
        print(f"| {name} | " + " | ".join(
            f"{row[c]['env']:.2f} / {row[c]['f0']:.0f} ({row[c]['voiced']:.0%}) / {row[c]['mss']:.2f}" for c in cols) + " |")
    probe = latent_pitch_probe(*systems["model"], [f for f in files if f != VOCADITO])
    print(f"\nlatent pitch probe (1-NN from z, held-out in-domain): median error {probe:.0f} cents")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"baseline": args.drone, "files": results, "mean_in_domain": mean, "model": args.model, "latent_pitch_probe_cents": probe},
                      f, indent=2)


if __name__ == "__main__":
    main()
