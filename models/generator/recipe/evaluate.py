"""Score a trained checkpoint on the full valid and test splits and (remi) export it to ONNX.

Evaluation windows are non-overlapping and start at bar (remi) or step (satb) boundaries: each window is the
piece's prefix plus up to context-prefix tokens, and every body token is scored exactly once with the history
inside its window (on average about half a context). Windows are batched, so this is about 2x cheaper than the
sliding evaluation in train.py, which matters on a shared CPU.

  /usr/bin/python3 models/generator/recipe/evaluate.py --mode remi --corpus /tmp/remi-corpus \
      --run /tmp/remi-run --d-model 128 --layers 4 --heads 4 --context 512
"""
import argparse
import json
import os
import re

import torch

from data import load_remi, load_satb
from model import Decoder
from train import batch_loss


def windows(corpus, length):
    out = []
    for seq, bars, p in zip(corpus.pieces, corpus.boundaries, corpus.prefix_lens):
        starts = sorted(set(b for b in bars if b >= p))
        a, n = p, len(seq)
        while a < n:
            limit = a + (length - p)
            e = max([b for b in starts if a < b <= limit], default=min(n, limit))
            if limit >= n:
                e = n
            out.append((seq[:p] + seq[a:e], p))
            a = e
    return out


@torch.no_grad()
def score(model, corpus, length, batch=8):
    model.eval()
    ws = sorted(windows(corpus, length), key=lambda w: len(w[0]))
    total, count = 0.0, 0.0
    for i in range(0, len(ws), batch):
        chunk = ws[i:i + batch]
        s, n = batch_loss(model, [w for w, _ in chunk], [f for _, f in chunk])
        total += s.item()
        count += n.item()
    return total / count, count


def training_info(run):
    steps, seconds = 0, 0.0
    log = os.path.join(run, "train.log")
    if os.path.exists(log):
        for line in open(log):
            m = re.match(r"step (\d+) t (\d+)s", line)
            if m:
                steps, seconds = int(m.group(1)), float(m.group(2))
    return steps, seconds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=["remi", "satb"], required=True)
    ap.add_argument("--corpus")
    ap.add_argument("--jsb")
    ap.add_argument("--run", required=True, help="directory with checkpoint.pt and train.log")
    ap.add_argument("--context", type=int, default=512)
    ap.add_argument("--d-model", type=int, default=256)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--batch", type=int, default=4, help="training batch (recorded only)")
    ap.add_argument("--lr", type=float, default=2e-3, help="training lr (recorded only)")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)

    if args.mode == "remi":
        valid, _ = load_remi(args.corpus, "valid")
        test, _ = load_remi(args.corpus, "test")
    else:
        valid = load_satb(args.jsb, "valid")
        test = load_satb(args.jsb, "test")
    model = Decoder(valid.vocab_size, args.d_model, args.layers, args.heads, 4 * args.d_model, dropout=0.0)
    model.load_state_dict(torch.load(os.path.join(args.run, "checkpoint.pt")))
    v, vc = score(model, valid, args.context)
    t, tc = score(model, test, args.context)
    steps, seconds = training_info(args.run)
    metrics = {
        "mode": args.mode,
        "parameters": sum(p.numel() for p in model.parameters()),
        "config": model.cfg | {"context": args.context, "batch": args.batch, "lr": args.lr},
        "train_seconds": seconds, "steps": steps,
        "train_tokens_seen": steps * args.batch * args.context,
        "best_step": steps,
        "evaluation": "non-overlapping bar-aligned windows (evaluate.py)",
        "valid_nll_nats_per_token": round(v, 4), "test_nll_nats_per_token": round(t, 4),
        "valid_tokens": int(vc), "test_tokens": int(tc),
    }
    if args.mode == "satb":
        metrics["valid_nll_nats_per_16th_step"] = round(4 * v, 4)
        metrics["test_nll_nats_per_16th_step"] = round(4 * t, 4)
    print(json.dumps(metrics, indent=2), flush=True)
    json.dump(metrics, open(os.path.join(args.run, "metrics.json"), "w"), indent=2)
    if args.mode == "remi":
        from export_onnx import export
        export(model, args.context, os.path.join(args.run, "model.onnx"))


if __name__ == "__main__":
    main()
