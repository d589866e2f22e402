"""RAVE's two-stage training, bounded by wall-clock time and resumable across sessions.

Stage 1 (steps < --stage1-steps): representation learning. Encoder + decoder as a VAE: posterior sample
z = mean + std * eps, loss = multi-scale spectral distance + beta * KL, beta warmed up linearly from 0 over
--warmup steps (so the decoder first learns to use z before the prior pulls the posterior in).
Stage 2 (steps >= --stage1-steps): the decoder alone, encoder frozen; the decoder gets the posterior mean, as it does
at run time (the pitch head reads pitch from z, which sampling noise blurs).
The decoder has a harmonic branch (harmonic.py, CONFIG["harmonics"]): its pitch head is trained on YIN labels of the
training audio (pitch_labels.py, weight --pitch-weight), everything else on the spectral loss. From
--adversarial-from on, RAVE's adversarial fine-tuning joins: hinge loss + feature matching against a multi-period /
multi-scale discriminator (discriminator.py).
A stage-1 checkpoint of a decoder without the harmonic branch starts stage 2 through --init-from (the weights that
exist are kept, the branch starts fresh).

Everything needed to continue -- weights, optimizer moments (stored in bfloat16 to keep the file small), step,
stage, wall time, data-loader RNG -- is in one checkpoint (default checkpoint/last.pt, committed to the repo),
written atomically every --save-minutes and at the end. A run with an existing checkpoint resumes from it.
Loss curves are appended to checkpoint/log.csv (one line per --log-every steps, plus a held-out line per save).
"""
import argparse
import csv
import os
import signal
import time

import numpy as np
import torch

from discriminator import Discriminator, feature_matching, hinge_d, hinge_g
from losses import multiscale_spectral_distance
from model import Rave, init_weights
import pitch
from pitch_labels import EXTRA, labels
from pitch_pretrain import pretrain as pretrain_pitch
from pqmf import PQMF

# Causal, streaming, CPU-sized ("raspberry"-like) configuration: ratio 16 * 4 * 4 * 8 = 2048 (42.7 ms at 48 kHz).
CONFIG = dict(bands=16, latent=16, enc_channels=[32, 64, 96, 128], enc_strides=[4, 4, 8],
              dec_channels=[128, 96, 64, 32], dec_strides=[8, 4, 4], amplitude=True, harmonics=64)


def compact(opt_state):
    """Optimizer state with its moment tensors in bfloat16 (torch casts them back to float32 on load)."""
    out = {"param_groups": opt_state["param_groups"], "state": {}}
    for k, v in opt_state["state"].items():
        out["state"][k] = {n: (t.to(torch.bfloat16) if torch.is_tensor(t) and t.dim() > 0 else t) for n, t in v.items()}
    return out


def save(path, **payload):
    tmp = path + ".tmp"
    torch.save(payload, tmp)
    os.replace(tmp, path)


def load_overlapping(model, state):
    """Loads another configuration's weights: equal shapes are copied; a convolution that gained input channels
    (the decoder's first, when z gains the pitch dimension) keeps the old weights for the old channels and zeros for
    the new; weights the model lacks are dropped. Returns the model's keys that got nothing."""
    own = model.state_dict()
    missing = []
    for key, target in own.items():
        source = state.get(key)
        if source is None:
            missing.append(key)
        elif source.shape == target.shape:
            target.copy_(source)
        elif source.dim() == 3 and source.shape[0] == target.shape[0] and source.shape[2] == target.shape[2]:
            target.zero_()
            target[:, :source.shape[1]] = source
        else:
            raise ValueError(f"{key}: {tuple(source.shape)} cannot become {tuple(target.shape)}")
    return missing


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="work/data")
    p.add_argument("--checkpoint", default="checkpoint/last.pt")
    p.add_argument("--log", default="checkpoint/log.csv")
    p.add_argument("--minutes", type=float, default=20.0, help="wall-clock budget of this run")
    p.add_argument("--device", default="cpu")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--crop", type=int, default=16384)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--lr2", type=float, default=3e-4, help="stage-2 learning rate (decoder and discriminator)")
    p.add_argument("--pitch-weight", type=float, default=1.0, help="stage 2: weight of the pitch head's cross-entropy")
    p.add_argument("--adversarial-from", type=int, default=60000, help="stage 2: the step adversarial training starts")
    p.add_argument("--pitch-pretrain-minutes", type=float, default=8.0,
                   help="with --init-from: train the new pitch network on cached latents first (pitch_pretrain.py)")
    p.add_argument("--harmonic-only-until", type=int, default=0,
                   help="stage 2: silence the decoder's waveform branch before this step (see model.Decoder)")
    p.add_argument("--init-from", default=None,
                   help="start from another configuration's checkpoint (e.g. checkpoint/stage1.pt): matching weights, its step")
    p.add_argument("--beta", type=float, default=0.05, help="KL weight after warm-up (KL summed over latent dims)")
    p.add_argument("--warmup", type=int, default=10000, help="KL warm-up steps")
    p.add_argument("--stage1-steps", type=int, default=30000,
                   help="switch to stage 2 here; freeze the encoder only once z carries pitch (evaluate.py's probe)")
    p.add_argument("--feature-matching", type=float, default=10.0)
    p.add_argument("--save-minutes", type=float, default=4.0)
    p.add_argument("--log-every", type=int, default=25)
    p.add_argument("--fresh", action="store_true", help="ignore an existing checkpoint")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    dev = torch.device(args.device)
    os.makedirs(os.path.dirname(os.path.abspath(args.checkpoint)), exist_ok=True)

    audio = np.load(os.path.join(args.data, "train.npy"))
    valid = np.load(os.path.join(args.data, "valid.npy"))
    vstarts = np.linspace(0, len(valid) - args.crop - 1, 8).astype(int)
    vbatch = torch.from_numpy(np.stack([valid[s:s + args.crop] for s in vstarts])).unsqueeze(1).to(dev)
    frames = args.crop // (CONFIG["bands"] * np.prod(CONFIG["enc_strides"]))
    ratio = args.crop // frames
    padded = np.concatenate([valid, np.zeros(EXTRA, np.float32)])
    vpitch, vvoiced = labels(np.stack([padded[s:s + args.crop + EXTRA] for s in vstarts]), ratio, frames)

    torch.manual_seed(0)
    model = Rave(**CONFIG)
    init_weights(model)
    model = model.to(dev)
    pqmf = PQMF(bands=CONFIG["bands"]).to(dev)
    disc = Discriminator().to(dev)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.999))
    opt_g = torch.optim.Adam(model.decoder.parameters(), lr=args.lr2, betas=(0.5, 0.9))
    opt_d = torch.optim.Adam(disc.parameters(), lr=args.lr2, betas=(0.5, 0.9))
    # Stage 2 keeps training the pitch encoder on its labels (the VAE encoder is what stage 2 freezes).
    opt_p = torch.optim.Adam(model.pitch.parameters(), lr=1e-3) if model.pitch is not None else None
    step, seconds, rng = 0, 0.0, np.random.default_rng(0)
    if args.init_from and not (os.path.exists(args.checkpoint) and not args.fresh):
        ck = torch.load(args.init_from, map_location=dev, weights_only=False)
        missing = load_overlapping(model, ck["state"])
        step, seconds = ck["steps"], ck["seconds"]
        rng.bit_generator.state = ck["rng"]
        print(f"started from {args.init_from} (step {step}); new: {sorted({'.'.join(k.split('.')[:2]) for k in missing})}",
              flush=True)
        if model.pitch is not None and any(k.startswith("pitch.") for k in missing) and args.pitch_pretrain_minutes > 0:
            began = time.time()
            n, last = pretrain_pitch(model, pqmf, audio, args.pitch_pretrain_minutes, rng,
                                     log=lambda m: print(m, flush=True))
            seconds += time.time() - began
            print(f"pitch pre-training: {n} steps, loss {last:.4f}", flush=True)
    elif os.path.exists(args.checkpoint) and not args.fresh:
        ck = torch.load(args.checkpoint, map_location=dev, weights_only=False)
        assert ck["config"] == CONFIG, "checkpoint config differs from train.py's CONFIG"
        model.load_state_dict(ck["state"])
        if "disc" in ck:
            disc.load_state_dict(ck["disc"])
        for o, k in ((opt, "opt"), (opt_g, "opt_g"), (opt_d, "opt_d"), (opt_p, "opt_p")):
            if k in ck and o is not None:
                o.load_state_dict(ck[k])
        step, seconds = ck["steps"], ck["seconds"]
        rng.bit_generator.state = ck["rng"]
        print(f"resumed from {args.checkpoint}: step {step}, {seconds / 60:.1f} min trained", flush=True)
    else:
        # Regression guard for issue 14's drone: at initialisation the latents must already vary with the input
        # (default conv init gave 1e-3 here; He init gives ~0.2). A constant z teaches the decoder a drone.
        with torch.no_grad():
            spread = model.encoder(pqmf.analysis(vbatch)[0])[0].std(-1).median().item()
        print(f"training from scratch; latents at initialisation vary over time by {spread:.3f} (median)", flush=True)
        assert spread > 0.02, "encoder latents are nearly constant at initialisation (see README: drone)"
    torch.manual_seed(step)
    new_log = not os.path.exists(args.log)
    logf = open(args.log, "a", newline="")
    log = csv.writer(logf)
    if new_log:
        log.writerow(["step", "stage", "minutes", "rec", "kl", "beta", "adv_g", "fm", "disc", "valid_rec", "pitch",
                      "valid_pitch_cents"])

    stage1_path = os.path.join(os.path.dirname(os.path.abspath(args.checkpoint)), "stage1.pt")

    def checkpoint(path=args.checkpoint):
        # Only what the current stage needs to continue (a few MB): stage 1 its optimizer, stage 2 the
        # decoder's and the discriminator's (the stage-1 optimizer is never used again).
        extra = dict(opt=compact(opt.state_dict())) if step < args.stage1_steps else dict(
            disc=disc.state_dict(), opt_g=compact(opt_g.state_dict()), opt_d=compact(opt_d.state_dict()))
        if opt_p is not None and step >= args.stage1_steps:
            extra["opt_p"] = compact(opt_p.state_dict())
        save(path, config=CONFIG, state=model.state_dict(), pqmf_cutoff=pqmf.cutoff, steps=step, seconds=seconds,
             rng=rng.bit_generator.state, stage=1 if step < args.stage1_steps else 2, args=vars(args), **extra)

    def waveform_gain(step):
        """--harmonic-only-until: the waveform branch is silent in stage 2 before that step (model.Decoder)."""
        return 0.0 if args.stage1_steps <= step < args.harmonic_only_until else 1.0

    def held_out():
        """Spectral distance on the validation crops and, with a harmonic branch, the pitch head's median error in
        cents on their voiced frames (labels as in training)."""
        model.decoder.waveform_gain = waveform_gain(step)
        model.eval()
        with torch.no_grad():
            bands, _ = pqmf.analysis(vbatch)
            z, _ = model.encode(bands, sample=False)
            y, _ = pqmf.synthesis(model.decode(z))
            d = pqmf.delay
            v = multiscale_spectral_distance(y[..., d:], vbatch[..., :-d]).item()
        model.train()
        cents = None if model.pitch is None else float(
            np.median(np.abs(pitch.from_latent(z[:, -1]).cpu().numpy() - vpitch)[vvoiced]) * 100)
        return v, cents

    def held_out_row(v, cents):
        log.writerow([step, 1 if step < args.stage1_steps else 2, round(seconds / 60, 2), "", "", "", "", "", "",
                      round(v, 4), "", "" if cents is None else round(cents, 1)])
        logf.flush()

    def pitch_labels_of(starts):
        """YIN labels of the unscaled training audio under this batch's crops."""
        target, voiced = labels(np.stack([audio[s:s + args.crop + EXTRA] for s in starts]), ratio, frames)
        return torch.from_numpy(target).to(dev), torch.from_numpy(voiced).to(dev)

    stop = []  # SIGTERM / SIGINT end the run at the next step with a checkpoint (kill <pid> stops it cleanly)
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    start = last_save = time.time()
    t_prev = start
    acc = {}
    while time.time() - start < args.minutes * 60 and not stop:
        starts = rng.integers(0, len(audio) - args.crop - EXTRA - 1, args.batch)
        batch = np.stack([audio[s:s + args.crop] for s in starts])  # a copy: the gain below leaves `audio` alone
        batch *= (10 ** (rng.uniform(-20, 0, (args.batch, 1)) / 20)).astype(np.float32)  # level robustness
        x = torch.from_numpy(batch).unsqueeze(1).to(dev)
        d = pqmf.delay
        stage = 1 if step < args.stage1_steps else 2
        if step == args.stage1_steps and not os.path.exists(stage1_path):
            checkpoint(stage1_path)  # the representation-learning result, kept beside the fine-tuned one
        bands, _ = pqmf.analysis(x)
        model.decoder.waveform_gain = waveform_gain(step)
        if stage == 1:
            z, kl = model.encode(bands, sample=True)
            kl = kl * CONFIG["latent"]  # model.encode averages over dims too; the loss sums them (RAVE)
            y, _ = pqmf.synthesis(model.decode(z))
            rec = multiscale_spectral_distance(y[..., d:], x[..., :-d])
            beta = args.beta * min(1.0, step / max(1, args.warmup))
            loss = rec + beta * kl
            if model.pitch is not None:
                loss = loss + pitch.loss(model.pitch(bands), *pitch_labels_of(starts))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            vals = dict(rec=rec.item(), kl=kl.item(), beta=beta)
        else:
            with torch.no_grad():  # encoder frozen; the decoder gets the posterior mean, as at run time
                z, kl = model.encode(bands, sample=False)
            y, _ = pqmf.synthesis(model.decode(z))
            real, fake = x[..., :-d], y[..., d:]
            rec = multiscale_spectral_distance(fake, real)
            loss = rec
            vals = dict(rec=rec.item(), kl=kl.item(), beta=0.0)
            if model.pitch is not None:
                pl = pitch.loss(model.pitch(bands), *pitch_labels_of(starts))
                opt_p.zero_grad()
                pl.backward()
                opt_p.step()
                vals["pitch"] = pl.item()
            if step >= args.adversarial_from:
                dl = hinge_d(disc(real), disc(fake.detach()))
                opt_d.zero_grad()
                dl.backward()
                opt_d.step()
                real_outs, fake_outs = disc(real), disc(fake)
                adv, fm = hinge_g(fake_outs), feature_matching(real_outs, fake_outs)
                loss = loss + adv + args.feature_matching * fm
                vals.update(adv_g=adv.item(), fm=fm.item(), disc=dl.item())
            opt_g.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.decoder.parameters(), 5.0)
            opt_g.step()
        for k, v in vals.items():
            acc.setdefault(k, []).append(v)
        step += 1
        now = time.time()
        seconds += now - t_prev
        t_prev = now
        if step % args.log_every == 0:
            m = {k: float(np.mean(v)) for k, v in acc.items()}
            acc = {}
            log.writerow([step, stage, round(seconds / 60, 2)] + [round(m[k], 4) if k in m else "" for k in
                                                                    ("rec", "kl", "beta", "adv_g", "fm", "disc")] +
                         ["", round(m["pitch"], 4) if "pitch" in m else "", ""])
            logf.flush()
            print(f"step {step} stage {stage} {seconds / 60:.1f} min " +
                  " ".join(f"{k} {v:.4f}" for k, v in m.items()), flush=True)
        if now - last_save > args.save_minutes * 60:
            v, cents = held_out()
            held_out_row(v, cents)
            checkpoint()
            last_save = time.time()
            print(f"checkpoint at step {step}: held-out rec {v:.4f}, pitch {cents} cents", flush=True)
            t_prev = time.time()  # validation time is not training time
    v, cents = held_out()
    held_out_row(v, cents)
    logf.close()
    checkpoint()
    print(f"done: step {step}, {seconds / 60:.1f} min trained in total; held-out rec {v:.4f}, pitch {cents} cents",
          flush=True)


if __name__ == "__main__":
    main()
