"""Trains the tiny GRU prior on the latent sequences the trained encoder produces for the training audio
(teacher forcing, Gaussian negative log-likelihood). Bounded to a few minutes on the CPU."""
import argparse
import os
import time

import numpy as np
import torch

import latent_pca
from model import Prior, Rave
from pqmf import PQMF


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", default="checkpoint/last.pt")
    parser.add_argument("--data", default="work/data")
    parser.add_argument("--out", default="work/prior.pt")
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--hidden", type=int, default=96)
    parser.add_argument("--length", type=int, default=64, help="latent frames per training sequence")
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    ckpt = torch.load(args.checkpoint, weights_only=False)
    model = Rave(**ckpt["config"]).eval()
    model.load_state_dict(ckpt["state"])
    pqmf = PQMF(bands=model.config["bands"], cutoff=ckpt["pqmf_cutoff"])
    audio = torch.from_numpy(np.load(os.path.join(args.data, "train.npy")))
    ratio = model.config["bands"] * model.band_ratio
    # The prior models the latents the host sees: PCA-whitened, as export.py folds them into the graphs.
    pca = latent_pca.fit(model, pqmf, audio.numpy(), ratio)
    with torch.no_grad():
        x = audio[:(len(audio) // ratio) * ratio].reshape(1, 1, -1)
        z = latent_pca.Whitening(pca)(model.latents(pqmf.analysis(x)[0]))
    z = z[0].T.contiguous()  # [frames, latent]
    print(f"{z.shape[0]} latent frames, per-dim std {z.std(0).mean():.3f}")
    prior = Prior(z.shape[1], args.hidden)
    opt = torch.optim.Adam(prior.parameters(), lr=3e-3)
    start, step = time.time(), 0
    while time.time() - start < args.minutes * 60:
        starts = rng.integers(0, z.shape[0] - args.length - 1, 32)
        seq = torch.stack([z[s:s + args.length + 1] for s in starts])
        mean, logstd, _ = prior(seq[:, :-1])
        target = seq[:, 1:]
        nll = (logstd + 0.5 * ((target - mean) / logstd.exp()) ** 2).mean()
        opt.zero_grad()
        nll.backward()
        opt.step()
        step += 1
        if step % 200 == 0:
            print(f"step {step} nll {nll.item():.3f}", flush=True)
    torch.save({"hidden": args.hidden, "state": prior.state_dict(), "steps": step}, args.out)
    print(f"done: {step} steps")


if __name__ == "__main__":
    main()
