"""Expressive monophonic melodies as MIDI events plus their ground-truth f0 curve.

Expression is what the decoder must learn to follow: vibrato and portamento are written as pitch bend
(range set to 12 semitones by RPN 0), dynamics as CC11 swells on top of a CC7 level and note velocity.
Because the MIDI is ours, f0 is known exactly: note pitch plus bend, at every frame.
"""
import numpy as np

from common import FRAME_RATE, midi_to_hz
from sources import SOURCES

INSTRUMENTS = {
    # name: (General MIDI program in FluidR3_GM, lowest note, highest note)
    "violin": (40, 55, 88),
    "flute": (73, 60, 93),
    "trumpet": (56, 54, 82),
    "cello": (42, 36, 72),
    "clarinet": (71, 50, 86),
    "voice": (53, 52, 79),       # Voice Oohs: one voice (Choir Aahs, 52, is a chorus a harmonic model cannot follow)
}
BEND_RANGE = 12
CONTROL_STEP = 0.01          # seconds between written bend / CC11 updates
TICK = 1.0 / 960.0           # MIDI time resolution used by midi_writer (120 bpm, 480 ppq)


def _q(seconds):
    return round(seconds / TICK) * TICK


def _express(rng, line):
    """Velocity, vibrato (depth, rate, delay) and portamento per note, and one articulation per melody."""
    legato = rng.random() < 0.5
    notes = []
    for start, end, pitch in line:
        length = end - start
        if not legato:
            end = start + max(0.08, length * float(rng.uniform(0.75, 0.95)))
        notes.append(dict(start=_q(start), end=_q(end), pitch=pitch,
                          velocity=int(rng.integers(40, 124)),
                          vib_depth=float(rng.uniform(0, 50) if rng.random() < 0.65 else 0.0),
                          vib_rate=float(rng.uniform(4.5, 7.0)), vib_delay=float(rng.uniform(0.1, 0.4)),
                          glide=float(rng.uniform(0.04, min(0.15, 0.5 * length))) if rng.random() < 0.3 else 0.0))
    for a, b in zip(notes, notes[1:]):
        if a["end"] != b["start"] or abs(a["pitch"] - b["pitch"]) > 7:
            a["glide"] = 0.0                     # portamento only between tied notes within a fifth
    return notes


def _bend_at(note, next_note, t):
    """Bend in semitones on the channel at time t while `note` is the current note."""
    since = t - note["start"]
    fade = np.clip((since - note["vib_delay"]) / 0.25, 0.0, 1.0)
    bend = note["vib_depth"] * 0.01 * fade * np.sin(2 * np.pi * note["vib_rate"] * max(since - note["vib_delay"], 0.0))
    if note["glide"] > 0 and next_note is not None:
        progress = np.clip((t - (note["end"] - note["glide"])) / note["glide"], 0.0, 1.0)
        bend += (next_note["pitch"] - note["pitch"]) * progress
    return float(np.clip(bend, -BEND_RANGE, BEND_RANGE * 8191 / 8192))


def make_melody(instrument, seed, source="random", split="train", duration=8.0):
    """Returns (events [(seconds, bytes)], f0_hz per frame, seconds of audio to render) for a line from
    sources.SOURCES[source] (drawn from the dataset's `split`), with expression."""
    program, low, high = INSTRUMENTS[instrument]
    rng = np.random.default_rng(seed)
    line = []
    while len(line) < 2:                         # an excerpt of a rest or a single note teaches little
        line = SOURCES[source](rng, split, low, high, duration)
    notes = _express(rng, line)
    ch = 0
    events = [(0.0, bytes([0xC0 | ch, program])),
              (0.0, bytes([0xB0 | ch, 101, 0])), (0.0, bytes([0xB0 | ch, 100, 0])),
              (0.0, bytes([0xB0 | ch, 6, BEND_RANGE])), (0.0, bytes([0xB0 | ch, 38, 0])),
              (0.0, bytes([0xB0 | ch, 101, 127])), (0.0, bytes([0xB0 | ch, 100, 127])),
              (0.0, bytes([0xB0 | ch, 7, int(rng.integers(85, 128))]))]

    # Slow CC11 swells (phrase dynamics) plus per-note hairpins on long notes.
    phases, rates = rng.uniform(0, 2 * np.pi, 3), rng.uniform(0.05, 0.4, 3)
    current = None
    # Control points every CONTROL_STEP and at every note start, so a bend reset lands exactly on its note-on.
    grid = np.unique(np.round(np.concatenate([np.arange(0.0, duration, CONTROL_STEP), [n["start"] for n in notes]]) / TICK) * TICK)
    bend_curve = np.zeros_like(grid)
    for i, t in enumerate(grid):
        while current is None or (current + 1 < len(notes) and notes[current + 1]["start"] <= t):
            current = 0 if current is None else current + 1
        note = notes[current]
        nxt = notes[current + 1] if current + 1 < len(notes) else None
        bend_curve[i] = _bend_at(note, nxt, t) if t >= note["start"] else 0.0
        swell = 0.5 + 0.5 * np.mean(np.sin(2 * np.pi * rates * t + phases))
        if note["end"] - note["start"] > 0.6 and note["start"] <= t < note["end"]:
            x = (t - note["start"]) / (note["end"] - note["start"])
            swell *= 0.75 + 0.25 * np.sin(np.pi * x)
        cc11 = int(np.clip(round(127 * (0.3 + 0.7 * swell)), 1, 127))
        events.append((t, bytes([0xB0 | ch, 11, cc11])))

    written_bend = np.zeros_like(grid)
    for i, t in enumerate(grid):
        value = int(np.clip(round(8192 + bend_curve[i] / BEND_RANGE * 8192), 0, 16383))
        written_bend[i] = (value - 8192) / 8192 * BEND_RANGE
        if i == 0 or value != int(round(8192 + written_bend[i - 1] / BEND_RANGE * 8192)):
            # A bend at the same time as a note-on is written first so the new note starts at its pitch.
            events.append((t - 1e-9, bytes([0xE0 | ch, value & 0x7F, value >> 7])))
    for n in notes:
        events.append((n["start"], bytes([0x90 | ch, n["pitch"], n["velocity"]])))
        events.append((n["end"] - 1e-6, bytes([0x80 | ch, n["pitch"], 0])))
    render_seconds = notes[-1]["end"] + 0.5

    # Ground truth: pitch of the latest started note (held through rests) plus the bend in effect.
    frames = int(render_seconds * FRAME_RATE)
    times = np.arange(frames) / FRAME_RATE
    f0 = np.zeros(frames)
    starts = np.array([n["start"] for n in notes])
    for i, t in enumerate(times):
        k = max(0, int(np.searchsorted(starts, t + 1e-9)) - 1)
        g = max(0, int(np.searchsorted(grid, _q(t) + 1e-9)) - 1)
        bend = written_bend[g] if t >= notes[0]["start"] else 0.0
        f0[i] = midi_to_hz(notes[k]["pitch"] + bend)
    return events, f0.astype(np.float32), render_seconds
