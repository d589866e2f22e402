"""Train the symbolic generator (or the JSB comparison model) on CPU for a bounded time.

  /usr/bin/python3 models/generator/recipe/train.py --mode remi --corpus <dir from the C# tool> \
      --minutes 20 --out models/generator
  /usr/bin/python3 models/generator/recipe/train.py --mode satb --jsb /work/shared/data/jsb-chorales/Jsb16thSeparated.json \
      --minutes 7 --d-model 128 --layers 3 --out models/generator/recipe/satb-eval

Writes model.onnx (remi), metrics.json and a checkpoint. Seeds are fixed; the run is bounded by wall time,
so the number of steps depends on the machine and is recorded in metrics.json.
"""
import argparse
import json
import math
import os
import sys
import random
import time

import torch
import torch.nn.functional as F

from data import eval_windows, load_remi, load_satb, sample_crop
from model import Decoder


def batch_loss(model, windows, first_scored):
    length = max(len(w) for w in windows)
    ids = torch.zeros(len(windows), length, dtype=torch.int64)
    weight = torch.zeros(len(windows), length - 1)
    for r, (w, f) in enumerate(zip(windows, first_scored)):
        ids[r, :len(w)] = torch.tensor(w)
        weight[r, max(f - 1, 0):len(w) - 1] = 1.0  # logits[j] predicts token j+1
    logits, _ = model(ids, torch.tensor(0, dtype=torch.int64), model.empty_past(len(windows)))
    nll = F.cross_entropy(logits[:, :-1].reshape(-1, logits.shape[-1]), ids[:, 1:].reshape(-1), reduction="none")
    nll = nll.view(len(windows), -1) * weight
    return nll.sum(), weight.sum()


@torch.no_grad()
def evaluate(model, corpus, length, max_pieces=None):
    model.eval()
    total, count = 0.0, 0.0
    pieces = list(zip(corpus.pieces, corpus.boundaries, corpus.prefix_lens))
    if max_pieces:
        pieces = pieces[:max_pieces]
    for seq, bars, p in pieces:
        for window, first in eval_windows(seq, bars, p, length):
            s, n = batch_loss(model, [window], [first])
            total += s.item()
            count += n.item()
    model.train()
    return total / max(count, 1.0), count


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=["remi", "satb"], required=True)
    ap.add_argument("--corpus", help="directory with train/valid/test.tok and vocab.json (remi)")
    ap.add_argument("--jsb", help="Jsb16thSeparated.json (satb)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--minutes", type=float, default=20.0)
    ap.add_argument("--context", type=int, default=512)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--d-model", type=int, default=256)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--warmup", type=int, default=30)
    ap.add_argument("--resume", help="checkpoint.pt (weights) or last.pt (weights, optimizer, step, elapsed time) to "
                    "continue from (a second bounded session on a busy machine)")
    ap.add_argument("--save-every", type=float, default=5.0,
                    help="minutes between last.pt snapshots, so a run killed by a session's end can resume")
    ap.add_argument("--eval-pieces", type=int, default=12, help="valid pieces scored for checkpoint selection")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)

    if args.mode == "remi":
        train, vocab = load_remi(args.corpus, "train")
        valid, _ = load_remi(args.corpus, "valid")
        test, _ = load_remi(args.corpus, "test")
    else:
        vocab = None
        train = load_satb(args.jsb, "train", transpose=True)
        valid = load_satb(args.jsb, "valid")
        test = load_satb(args.jsb, "test")
    print(f"train tokens {train.num_tokens()} valid {valid.num_tokens()} test {test.num_tokens()}", flush=True)

    model = Decoder(train.vocab_size, args.d_model, args.layers, args.heads, 4 * args.d_model, dropout=0.1)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.98), weight_decay=0.01)
    resumed = {}
    if args.resume:
        state = torch.load(args.resume)
        if "model" in state:  # last.pt: the schedule continues where the snapshot left it
            model.load_state_dict(state["model"])
            opt.load_state_dict(state["optimizer"])
            resumed = state
        else:
            model.load_state_dict(state)
        print(f"resumed from {args.resume} (step {resumed.get('step', 0)})", flush=True)
    params = sum(p.numel() for p in model.parameters())
    print(f"parameters {params}", flush=True)

    budget = args.minutes * 60.0
    warmup = args.warmup
    # A resumed last.pt counts its earlier wall time against the budget, so --minutes is the total.
    t0 = time.time() - resumed.get("elapsed", 0.0)
    step, seen = resumed.get("step", 0), resumed.get("seen", 0)
    best = (float("inf"), None)
    ckpt = os.path.join(args.out, "checkpoint.pt")
    last = os.path.join(args.out, "last.pt")
    next_eval = 0.5 * budget
    while next_eval < time.time() - t0:
        next_eval += 0.25 * budget
    next_save = time.time() + args.save_every * 60.0
    while True:
        elapsed = time.time() - t0
        if elapsed > budget:
            break
        # Cosine decay over the wall-clock budget, since the step count is unknown in advance.
        frac = min(elapsed / budget, 1.0)
        lr = args.lr * min(1.0, (step + 1) / warmup) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * frac)))
        for g in opt.param_groups:
            g["lr"] = lr
        crops = [sample_crop(train, args.context, rng) for _ in range(args.batch)]
        s, n = batch_loss(model, [c[0] for c in crops], [c[1] + 1 for c in crops])
        loss = s / n
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        seen += int(n.item())
        if step % 20 == 0:
            print(f"step {step} t {elapsed:.0f}s lr {lr:.2e} train {loss.item():.3f}", flush=True)
        if time.time() > next_save:
            next_save = time.time() + args.save_every * 60.0
            torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "step": step, "seen": seen,
                        "elapsed": time.time() - t0}, last)
        if elapsed > next_eval:
            next_eval += 0.25 * budget
            v, _ = evaluate(model, valid, args.context, max_pieces=args.eval_pieces)
            print(f"  valid(selection pieces) {v:.4f}", flush=True)
            if v < best[0]:
                best = (v, step)
                torch.save(model.state_dict(), ckpt)
    train_seconds = time.time() - t0
    v, _ = evaluate(model, valid, args.context, max_pieces=args.eval_pieces)
    if v < best[0]:
        best = (v, step)
        torch.save(model.state_dict(), ckpt)
    model.load_state_dict(torch.load(ckpt))
    valid_nll, valid_count = evaluate(model, valid, args.context)
    test_nll, test_count = evaluate(model, test, args.context)
    metrics = {
        "mode": args.mode,
        "command": "/usr/bin/python3 models/generator/recipe/train.py " + " ".join(sys.argv[1:]),
        "parameters": params,
        "hardware": f"CPU, {args.threads} torch thread(s), {os.cpu_count()} cores",
        "config": model.cfg | {"context": args.context, "batch": args.batch, "lr": args.lr},
        "train_seconds": round(train_seconds, 1),
        "steps": step,
        "train_tokens_seen": seen,
        "best_step": best[1],
        "valid_nll_nats_per_token": round(valid_nll, 4),
        "test_nll_nats_per_token": round(test_nll, 4),
        "valid_tokens": int(valid_count),
        "test_tokens": int(test_count),
    }
    if args.mode == "satb":
        # Four tokens (S, A, T, B) per 16th-note step.
        metrics["valid_nll_nats_per_16th_step"] = round(4 * valid_nll, 4)
        metrics["test_nll_nats_per_16th_step"] = round(4 * test_nll, 4)
    print(json.dumps(metrics, indent=2), flush=True)
    json.dump(metrics, open(os.path.join(args.out, "metrics.json"), "w"), indent=2)
    if args.mode == "remi":
        from export_onnx import export
        export(model, args.context, os.path.join(args.out, "model.onnx"))


if __name__ == "__main__":
    main()
