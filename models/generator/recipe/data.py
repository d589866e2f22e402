"""Corpora for the recipe.

remi: token files written by the C# tokenizer (one implementation of the scheme, in
      src/NeuralSynth.Generation): one piece per line, space-separated ids, attribute prefix first.
satb: Music Transformer's JSB representation (16th-note grid, S A T B serialized per step), read
      straight from Jsb16thSeparated.json; used only for the comparison with the paper.
"""
import json
import os
import random


class Corpus:
    """Pieces as id lists plus, per piece, the indices where a crop may start and the prefix length."""

    def __init__(self, pieces, boundaries, prefix_lens, vocab_size):
        self.pieces = pieces
        self.boundaries = boundaries
        self.prefix_lens = prefix_lens
        self.vocab_size = vocab_size

    def num_tokens(self):
        return sum(len(p) for p in self.pieces)


def load_remi(corpus_dir, split):
    vocab = json.load(open(os.path.join(corpus_dir, "vocab.json")))
    ids = {t: i for i, t in enumerate(vocab["tokens"])}
    bar = ids["Bar"]
    pieces, bounds, prefixes = [], [], []
    with open(os.path.join(corpus_dir, f"{split}.tok")) as f:
        for line in f:
            seq = [int(x) for x in line.split()]
            if not seq:
                continue
            bars = [i for i, t in enumerate(seq) if t == bar]
            pieces.append(seq)
            bounds.append(bars)
            prefixes.append(bars[0] if bars else 1)
    return Corpus(pieces, bounds, prefixes, len(vocab["tokens"])), vocab


SATB_SILENCE = 128
SATB_BOS = 129
SATB_VOCAB = 130


def load_satb(path, split, transpose=False):
    data = json.load(open(path))[split]
    shifts = range(-5, 7) if transpose else [0]
    pieces, bounds, prefixes = [], [], []
    for piece in data:
        for s in shifts:
            seq = [SATB_BOS]
            for step in piece:
                for p in step:
                    seq.append(SATB_SILENCE if p < 0 else p + s)
            pieces.append(seq)
            # A crop may start at any step (every 4th token); the prefix is just BOS.
            bounds.append(list(range(1, len(seq), 4)))
            prefixes.append(1)
    return Corpus(pieces, bounds, prefixes, SATB_VOCAB)


def sample_crop(corpus, length, rng):
    """A training window: the piece's prefix followed by material from a crop boundary.

    Crops that do not start at the piece's beginning re-use the prefix (attributes or BOS), exactly as
    the C# sampler re-primes its context when the cache is full. Loss is masked on the prefix.
    """
    i = rng.randrange(len(corpus.pieces))
    seq, bars, p = corpus.pieces[i], corpus.boundaries[i], corpus.prefix_lens[i]
    start = p if rng.random() < 0.25 or not bars else rng.choice(bars)
    body = seq[start:start + length + 1 - p]
    window = seq[:p] + body
    loss_from = p - 1  # first scored target is the first body token
    return window, loss_from


def eval_windows(seq, bars, prefix, length):
    """Windows that score every body token once, each with at least about half a context of history."""
    out = []
    a = prefix
    n = len(seq)
    starts = sorted(set(bars))
    while a < n:
        e = min(n, a + length // 2)
        budget = length - prefix
        c = a
        for b in starts:
            if b >= e - budget and b <= a:
                c = b
                break
        if e - c > budget:
            c = a
            e = min(n, a + budget)
        window = seq[:prefix] + seq[c:e]
        first_scored = prefix + (a - c)  # index in window of the first target to score
        out.append((window, first_scored))
        a = e
    return out
