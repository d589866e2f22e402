"""Diagnoses a RAVE export, stage by stage (issue 14's checklist): the PQMF pair on its own, the latent PCA folded
into the graphs, the latents themselves (what the deterministic / VAE training left in them), and whether the
decoder uses z. Prints one line per measure; with --check it exits non-zero when a finding that must hold
for any usable model fails (export.py runs it on each new export).

  /usr/bin/python3 diagnose.py [--model ../fluid-small] [--audio work/data/heldout_violin.wav] [--check]
"""
import argparse
import os
import sys
import wave

import numpy as np
import torch

import latent_pca
from model import Rave
from pqmf import PQMF

SR = 48000


def load_wav(path):
    with wave.open(path) as w:
        x = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float32) / 32768.0
        return x.reshape(-1, w.getnchannels()).mean(1)


def rms_frames(x, hop=2400):
    n = len(x) // hop * hop
    return np.sqrt(np.mean(x[:n].reshape(-1, hop) ** 2, 1) + 1e-12)


def load(path):
    """A model folder (its rave.pt, with the PCA the export folded in) or a training checkpoint (no PCA)."""
    ck = torch.load(os.path.join(path, "rave.pt") if os.path.isdir(path) else path, weights_only=False)
    model = Rave(**ck["config"]).eval()
    model.load_state_dict(ck["state"])
    pqmf = PQMF(bands=model.config["bands"], cutoff=ck["pqmf_cutoff"])
    white = latent_pca.Whitening(ck["pca"]) if "pca" in ck else None
    return model, pqmf, white


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="../fluid-small")
    p.add_argument("--audio", default="work/data/heldout_violin.wav")
    p.add_argument("--check", action="store_true")
    args = p.parse_args()
    torch.set_num_threads(1)
    model, pqmf, white = load(args.model)
    ratio = model.config["bands"] * model.band_ratio
    x = load_wav(args.audio)
    x = x[: len(x) // ratio * ratio]
    xt = torch.from_numpy(x).reshape(1, 1, -1)
    d = pqmf.delay
    failures = []

    with torch.no_grad():
        # 1. PQMF on its own.
        y, _ = pqmf.synthesis(pqmf.analysis(xt)[0])
        err = (y[..., d:] - xt[..., :-d])
        snr = 10 * np.log10(float((xt ** 2).mean() / (err ** 2).mean()))
        print(f"pqmf: max |synthesis(analysis(x)) - x| = {err.abs().max():.2e}, reconstruction SNR {snr:.1f} dB")
        if snr < 40:
            failures.append("pqmf reconstruction SNR < 40 dB")

        # 2. Latent PCA folded into the graphs: the decoder graph must undo the encoder graph's rotation.
        bands, _ = pqmf.analysis(xt)
        z_raw = model.latents(bands)
        if white is not None:
            z_white = white(z_raw)
            round_trip = (white.inverse(z_white) - z_raw).abs().max().item() / z_raw.abs().max().item()
            out_raw = model.decoder(z_raw)
            out_graph = model.decoder(white.inverse(z_white))
            graph_err = (out_graph - out_raw).abs().max().item()
            print(f"pca: relative round-trip error {round_trip:.2e}; decoder(pca^-1(pca(z))) vs decoder(z) "
                  f"max diff {graph_err:.2e}")
            if round_trip > 1e-4 or graph_err > 1e-4:
                failures.append("pca fold changes the decoder's output")
        else:
            z_white = z_raw

        # 3. The latents: do they follow the input at all?
        frames = z_raw.shape[-1]
        loud = np.log(rms_frames(x, ratio)[:frames])
        zr = z_raw[0].numpy()
        spread = zr.std(1)
        offset = np.abs(zr.mean(1))
        corr = [abs(np.corrcoef(zr[i], loud)[0, 1]) if zr[i].std() > 0 else 0 for i in range(zr.shape[0])]
        print(f"latents (raw): time std per dim median {np.median(spread):.3g} (|mean| median {np.median(offset):.3g}); "
              f"best |corr(z_i, log RMS)| {max(corr):.2f}")

        # 4. Does the decoder use z? Output for the input's own latents vs for the latents of silence.
        out, _ = pqmf.synthesis(model.decoder(z_raw))
        out = out[0, 0, d:].numpy()
        sil_z = model.latents(pqmf.analysis(torch.zeros_like(xt))[0])
        out_sil, _ = pqmf.synthesis(model.decoder(sil_z))
        out_sil = out_sil[0, 0, d:].numpy()
        xin = x[:-d]
        e_in, e_out, e_sil = rms_frames(xin), rms_frames(out), rms_frames(out_sil)
        env_corr = np.corrcoef(e_in, e_out)[0, 1]
        print(f"decoder: output RMS {np.sqrt(np.mean(out ** 2)):.4f} vs input {np.sqrt(np.mean(xin ** 2)):.4f}; "
              f"output for silent input RMS {np.sqrt(np.mean(out_sil ** 2)):.4f}; "
              f"50 ms envelope corr(input, output) {env_corr:.3f}")
        # Sensitivity: move every frame's latent by +-1 and +-3 deviations of PCA dimension 0.
        # +1 in PCA dimension 0 (a pitch dimension after the PCA ones is left alone)
        direction = None
        if white is not None:
            direction = torch.zeros(1, z_raw.shape[1], 1)
            direction[0, :white.unwhiten.shape[0], 0] = white.unwhiten[:, 0]
        vae = torch.zeros(1, z_raw.shape[1], 1)
        vae[:, :model.config["latent"]] = 1.0  # the noise below moves the VAE's latents, not the pitch
        for k in (1.0, 3.0):
            if direction is None:
                dz = torch.zeros_like(z_raw)
                dz[:, 0] = k * z_raw[:, 0].std()
            else:
                dz = k * direction
            moved, _ = pqmf.synthesis(model.decoder(z_raw + dz))
            moved = moved[0, 0, d:].numpy()
            rel = np.sqrt(np.mean((moved - out) ** 2) / (np.mean(out ** 2) + 1e-12))
            print(f"decoder: z + {k:g} sd along PCA dim 0 changes the output by {rel:.3f} (relative RMS)")
            if k == 1.0 and rel < 0.05:
                failures.append(f"one deviation of latent 0 changes the output by {rel:.1%} (< 5%)")
        # The same with a large perturbation in raw latent units (independent of how little the encoder varies).
        for k in (0.1, 1.0):
            moved, _ = pqmf.synthesis(model.decoder(z_raw + k * torch.randn_like(z_raw) * vae))
            moved = moved[0, 0, d:].numpy()
            rel = np.sqrt(np.mean((moved - out) ** 2) / (np.mean(out ** 2) + 1e-12))
            print(f"decoder: z + N(0, {k:g}^2) in raw units changes the output by {rel:.3f} (relative RMS)")
        # How much of the output's variation over time comes from z: output envelope's coefficient of variation.
        cv_in, cv_out = e_in.std() / e_in.mean(), e_out.std() / e_out.mean()
        print(f"decoder: envelope coefficient of variation input {cv_in:.2f}, output {cv_out:.2f}")
        # The PQMF band edges (multiples of 3 kHz): share of output energy within 30 Hz of them, vs the input's.
        def edge_share(sig):
            spec = np.abs(np.fft.rfft(sig[: 8 * SR] if len(sig) > 8 * SR else sig)) ** 2
            f = np.fft.rfftfreq(min(len(sig), 8 * SR), 1 / SR)
            edges = np.zeros_like(f, dtype=bool)
            for k in range(1, 8):
                edges |= np.abs(f - 3000 * k) < 30
            return spec[edges].sum() / spec.sum()
        print(f"spectrum: share of energy within 30 Hz of the band edges (k*3 kHz): input {edge_share(xin):.2e}, "
              f"output {edge_share(out):.2e}, output for silence {edge_share(out_sil):.2e}")
        silence_ratio = np.sqrt(np.mean(out_sil ** 2) / np.mean(out ** 2))
        print(f"decoder: output RMS for silence / output RMS for the input = {silence_ratio:.3f}")
        if silence_ratio > 0.1:
            failures.append(f"silence in gives {silence_ratio:.0%} of the playing output's level out")
        if env_corr < 0.5:
            failures.append(f"decoder output does not follow the input's loudness (corr {env_corr:.2f} < 0.5)")
    if failures:
        print("FAILED: " + "; ".join(failures))
        if args.check:
            sys.exit(1)


if __name__ == "__main__":
    main()
