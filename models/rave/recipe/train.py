"""Trains the autoencoder on the rendered audio with the multi-scale spectral loss and a small KL term,
for a bounded wall-clock time on the CPU. Saves a checkpoint every few minutes and at the end."""
import argparse
import os
import time

import numpy as np
import torch

from losses import multiscale_spectral_distance
from model import Rave
from pqmf import PQMF


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="work/data")
    parser.add_argument("--out", default="work/rave.pt")
    parser.add_argument("--minutes", type=float, default=20.0)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--crop", type=int, default=16384)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--beta", type=float, default=0.01, help="KL weight")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--deterministic", action="store_true",
                        help="encode with the posterior mean (no sampling, no KL): a plain autoencoder phase")
    parser.add_argument("--resume", action="store_true", help="continue from --out (weights only; a fresh LR schedule)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    audio = np.load(os.path.join(args.data, "train.npy"))
    model, pqmf = Rave(), PQMF()
    delay = pqmf.delay
    done_steps, done_seconds = 0, 0.0
    if args.resume:
        previous = torch.load(args.out)
        model.load_state_dict(previous["state"])
        done_steps, done_seconds = previous.get("steps", 0), previous.get("seconds", 0.0)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    budget = args.minutes * 60
    start = last_save = time.time()
    step = 0
    while time.time() - start < budget:
        starts = rng.integers(0, len(audio) - args.crop - 1, args.batch)
        batch = np.stack([audio[s:s + args.crop] for s in starts])
        batch *= rng.uniform(0.3, 1.0, (args.batch, 1)).astype(np.float32)  # level robustness
        x = torch.from_numpy(batch).unsqueeze(1)
        bands, _ = pqmf.analysis(x)
        z, kl = model.encode(bands, sample=not args.deterministic)
        y, _ = pqmf.synthesis(model.decode(z))
        # The filter bank delays by `delay` samples, so the model learns x delayed by exactly that.
        rec = multiscale_spectral_distance(y[..., delay:], x[..., :-delay])
        loss = rec if args.deterministic else rec + args.beta * kl
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        # Cosine decay over the time budget (not steps): the run length is what is bounded.
        progress = min(1.0, (time.time() - start) / budget)
        for g in opt.param_groups:
            g["lr"] = args.lr * (0.05 + 0.95 * 0.5 * (1 + np.cos(np.pi * progress)))
        opt.step()
        step += 1
        if step % 20 == 0:
            print(f"step {step} {time.time() - start:.0f}s rec {rec.item():.3f} kl {kl.item():.3f}", flush=True)
        if time.time() - last_save > 120:
            torch.save({"config": model.config, "state": model.state_dict(), "pqmf_cutoff": pqmf.cutoff,
                        "steps": done_steps + step, "seconds": done_seconds + time.time() - start}, args.out)
            last_save = time.time()
    torch.save({"config": model.config, "state": model.state_dict(), "pqmf_cutoff": pqmf.cutoff, "steps": done_steps + step,
                "seconds": done_seconds + time.time() - start, "cpu_seconds": time.process_time()}, args.out)
    print(f"done: {step} steps in {(time.time() - start) / 60:.1f} min")


if __name__ == "__main__":
    main()
