"""Note lines for the training melodies: one voice of a Bach chorale, the tune of a Nottingham folk song, or
a random walk. Each source returns [(start s, end s, MIDI pitch)] fitted into the instrument's range; the
expression (velocity, vibrato, glide, dynamics) is added by melodies.py whatever the source.

Held-out melodies never share music with training ones: chorales and tunes come from their datasets' own
train and test splits (Boulanger-Lewandowski 2012), random walks from disjoint seeds.
"""
import functools
import json
import os

import numpy as np

DATA = os.environ.get("NEURALSYNTH_DATA", os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../shared/data"))
JSB = "jsb-chorales/Jsb16thSeparated.json"          # public domain music; SATB per 16th note, -1 = silent
NOTTINGHAM = "boulanger-pianoroll/Nottingham.json"   # traditional tunes; GPL-3.0 encoding (see its README)
LICENSES = {
    "jsb": "J. S. Bach chorales (public domain), Boulanger-Lewandowski split via czhuang/JSB-Chorales-dataset",
    "nottingham": "Nottingham Music Database tunes (traditional; the encoding is GPL-3.0, jukedeck/nottingham-dataset)",
    "random": "random-walk melodies written by models/ddsp/recipe/melodies.py",
}


@functools.lru_cache(maxsize=None)
def _load(name):
    with open(os.path.join(DATA, name)) as f:
        return json.load(f)


def _runs(pitches, step_seconds):
    """Consecutive equal pitches become one note (a repeated note in the grid is held; -1 or None is a rest)."""
    notes, start = [], 0
    for i in range(1, len(pitches) + 1):
        if i == len(pitches) or pitches[i] != pitches[start]:
            if pitches[start] is not None and pitches[start] >= 0:
                notes.append((start * step_seconds, i * step_seconds, int(pitches[start])))
            start = i
    return notes


def _excerpt(rng, notes, duration):
    """A window of about `duration` seconds starting on a random note, shifted to start at 0.25 s."""
    if not notes:
        return []
    first = int(rng.integers(0, max(1, len(notes) - 4)))
    t0 = notes[first][0] - 0.25
    return [(s - t0, min(e - t0, duration - 0.4), p) for s, e, p in notes[first:] if s - t0 < duration - 0.6]


def _fit(rng, notes, low, high):
    """Transpose the whole line so it sits inside [low, high] (a random shift among those that fit; a few
    semitones either way adds keys); notes that still fall outside fold in by octaves."""
    pitches = [p for _, _, p in notes]
    shifts = [s for s in range(-48, 49) if min(pitches) + s >= low and max(pitches) + s <= high]
    if not shifts:
        centre = (low + high) / 2 - (min(pitches) + max(pitches)) / 2
        shifts = [int(round(centre))]
    shift = int(rng.choice(shifts))
    out = []
    for s, e, p in notes:
        q = p + shift
        while q < low:
            q += 12
        while q > high:
            q -= 12
        out.append((s, e, q))
    return out


def chorale_line(rng, split, low, high, duration):
    pieces = _load(JSB)["train" if split == "train" else "test"]
    piece = pieces[int(rng.integers(len(pieces)))]
    voice = int(rng.integers(4))
    sixteenth = 60.0 / float(rng.uniform(60, 120)) / 4
    return _fit(rng, _excerpt(rng, _runs([step[voice] for step in piece], sixteenth), duration), low, high)


def tune_line(rng, split, low, high, duration):
    """The melody of a Nottingham tune: the highest sounding pitch of each 8th (the chords lie below it)."""
    pieces = _load(NOTTINGHAM)["train" if split == "train" else "test"]
    piece = pieces[int(rng.integers(len(pieces)))]
    eighth = 60.0 / float(rng.uniform(80, 140)) / 2
    return _fit(rng, _excerpt(rng, _runs([max(step) if step else None for step in piece], eighth), duration), low, high)


_STEP_WEIGHTS = np.array([4, 7, 8, 10, 14, 7, 7, 14, 10, 8, 7, 4, 4, 4], dtype=float) / 108.0


def random_line(rng, split, low, high, duration):
    """Random walk over musical intervals with varied note lengths and occasional rests (split: seeds decide)."""
    notes, t, pitch = [], 0.25, int(rng.integers(low + 4, high - 8))
    while t < duration - 0.6:
        length = float(rng.choice([0.18, 0.25, 0.35, 0.5, 0.7, 1.0, 1.4]) * rng.uniform(0.85, 1.15))
        length = min(length, duration - 0.4 - t)
        step = int(rng.choice([-7, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 7, 12, -12], p=_STEP_WEIGHTS))
        pitch = int(np.clip(pitch + step, low, high))
        notes.append((t, t + length, pitch))
        t += length
        if rng.random() < 0.18:
            t += float(rng.uniform(0.1, 0.5))
    return notes


SOURCES = {"jsb": chorale_line, "nottingham": tune_line, "random": random_line}
