"""Renders the training and held-out audio: monophonic melodies from ../shared/data (the four voices of the JSB
chorales, public domain; the Nottingham tunes are GPL-3.0-encoded, so they are not used for shipped weights) played by FluidR3_GM instruments through FluidSynth at 48 kHz, with varied dynamics (note
velocities and a CC11 expression curve per phrase), vibrato (pitch-bend LFO with a delayed onset) and articulation.

Splits never share a melody: training uses the JSB `train` chorales, held-out uses the `test` chorales.
Held-out notes are also played at velocities that training never uses (75..89), so the evaluation measures
generalisation to unseen melodies and unseen dynamics.

Output (<out>): train.npy (all instruments concatenated, float32 48 kHz mono), valid.npy (held-out, the same),
heldout_<instrument>.wav (one file per instrument, for evaluate.py and the C# test), index.json.
"""
import argparse
import json
import math
import os
import random
import struct
import subprocess
import wave

import numpy as np

SOUNDFONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2"
SAMPLE_RATE = 48000
TICKS = 480
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../shared/data")
# General MIDI programs and playable ranges (MIDI notes).
INSTRUMENTS = {"violin": (40, 55, 93), "cello": (42, 36, 72), "flute": (73, 60, 96), "clarinet": (71, 50, 88),
               "trumpet": (56, 55, 82), "choir": (52, 48, 79), "voice": (53, 48, 79)}
HELDOUT_VELOCITIES = (75, 89)


def varlen(value):
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


def write_midi(path, events, bpm):
    """events: (tick, bytes) on channel 0. One track."""
    events = sorted(events, key=lambda e: (e[0], 0 if e[1][0] & 0xF0 == 0x80 else 1))
    track, now = bytearray(), 0
    track += varlen(0) + bytes([0xFF, 0x51, 3]) + int(60e6 / bpm).to_bytes(3, "big")
    for tick, data in events:
        track += varlen(tick - now) + data
        now = tick
    track += varlen(TICKS) + bytes([0xFF, 0x2F, 0])
    with open(path, "wb") as f:
        f.write(b"MThd" + struct.pack(">IHHH", 6, 0, 1, TICKS))
        f.write(b"MTrk" + struct.pack(">I", len(track)) + track)


def melodies(split):
    """Monophonic lines as lists of (start_step, steps, pitch) with the grid's steps per quarter note."""
    out = []
    with open(os.path.join(DATA, "jsb-chorales/Jsb16thSeparated.json")) as f:
        jsb = json.load(f)[split]
    for piece in jsb:
        for voice in range(4):
            out.append((4, runs([step[voice] if step[voice] > 0 else None for step in piece])))
    return [(grid, notes) for grid, notes in out if len(notes) >= 8]


def runs(line):
    notes, start = [], 0
    for i in range(1, len(line) + 1):
        if i == len(line) or line[i] != line[start]:
            if line[start] is not None:
                notes.append((start, i - start, line[start]))
            start = i
    return notes


def allowed(vel, velocities):
    """Training velocities skip the held-out band: a value inside it moves to the nearer edge outside."""
    lo, hi = HELDOUT_VELOCITIES
    if velocities != HELDOUT_VELOCITIES and lo <= vel <= hi:
        return lo - 5 if vel - lo < hi - vel else hi + 5
    return vel


def phrase_events(rng, grid, notes, lo, hi, program, t0, velocities, bpm):
    """MIDI events for one phrase starting at tick t0; returns (events, end_tick)."""
    pitches = [p for _, _, p in notes]
    centre = (lo + hi) // 2
    shift = 12 * round((centre - (max(pitches) + min(pitches)) / 2) / 12)
    shift += rng.choice([-12, 0, 0, 0, 12]) if max(pitches) - min(pitches) < (hi - lo) - 24 else 0
    while max(pitches) + shift > hi:
        shift -= 12
    while min(pitches) + shift < lo:
        shift += 12
    tick_per_step = TICKS // grid
    legato = rng.uniform(0.65, 1.0)
    base_vel = allowed(rng.randint(*velocities), velocities)
    events = [(t0, bytes([0xC0, program]))]
    end = t0 + (notes[-1][0] - notes[0][0] + notes[-1][1]) * tick_per_step
    # Dynamics: an expression (CC11) curve over the phrase: swell, fade, crescendo or flat.
    kind = rng.choice(["swell", "fade", "cresc", "flat", "swell"])
    lo_e, hi_e = rng.uniform(40, 80), rng.uniform(100, 127)
    step_ticks = max(1, int(TICKS * bpm / 60 / 50))  # ~20 ms
    for t in range(t0, end + step_ticks, step_ticks):
        u = (t - t0) / max(1, end - t0)
        shape = {"swell": math.sin(math.pi * u), "fade": 1 - u, "cresc": u, "flat": 0.7}[kind]
        events.append((t, bytes([0xB0, 11, int(lo_e + (hi_e - lo_e) * shape)])))
    # Vibrato: pitch bend (default range +-2 semitones), delayed onset per note, depth/rate per phrase.
    depth_cents = rng.choice([0, 10, 20, 30, 45])
    rate = rng.uniform(4.5, 6.5)
    for start, steps, pitch in notes:
        on = t0 + (start - notes[0][0]) * tick_per_step
        dur = max(tick_per_step // 2, int(steps * tick_per_step * legato))
        vel = allowed(int(np.clip(base_vel + rng.randint(-12, 12), *velocities)), velocities)
        events.append((on, bytes([0x90, pitch + shift, vel])))
        events.append((on + dur, bytes([0x80, pitch + shift, 0])))
        if depth_cents:
            onset = int(0.2 * TICKS * bpm / 60)
            for t in range(on, on + dur, step_ticks // 2 or 1):
                amp = depth_cents * min(1.0, max(0.0, (t - on - onset) / max(1, onset)))
                secs = (t - on) * 60 / bpm / TICKS
                bend = 8192 + int(amp / 200 * 8191 * math.sin(2 * math.pi * rate * secs))
                events.append((t, bytes([0xE0, bend & 0x7F, bend >> 7])))
        events.append((on + dur, bytes([0xE0, 0, 64])))
    return events, end


def render_instrument(rng, lines, name, seconds, velocities, path_mid, path_wav):
    program, lo, hi = INSTRUMENTS[name]
    bpm = rng.choice([72, 84, 96, 108])
    events, tick = [], 0
    limit = seconds * bpm / 60 * TICKS
    while tick < limit:
        grid, notes = rng.choice(lines)
        first = rng.randrange(0, max(1, len(notes) - 16))
        phrase = notes[first:first + rng.randint(8, 24)]
        ev, end = phrase_events(rng, grid, phrase, lo, hi, program, tick, velocities, bpm)
        events += ev
        tick = end + rng.choice([TICKS // 2, TICKS, 2 * TICKS])
    write_midi(path_mid, events, bpm)
    subprocess.run(["fluidsynth", "-ni", "-q", "-R", "0", "-C", "0", "-g", "0.6", "-r", str(SAMPLE_RATE),
                    "-T", "wav", "-O", "s16", "-F", path_wav, SOUNDFONT, path_mid], check=True,
                   stdout=subprocess.DEVNULL)
    with wave.open(path_wav) as w:
        channels, frames = w.getnchannels(), w.getnframes()
        assert w.getframerate() == SAMPLE_RATE
        pcm = np.frombuffer(w.readframes(frames), dtype=np.int16).astype(np.float32) / 32768.0
    audio = pcm.reshape(-1, channels).mean(axis=1)
    return audio[: int(seconds * SAMPLE_RATE) + SAMPLE_RATE]


def write_wav(path, audio):
    pcm = (np.clip(audio, -1, 1) * 32767).astype("<i2")
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes(pcm.tobytes())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="work/data")
    parser.add_argument("--train-seconds", type=float, default=150.0, help="per instrument")
    parser.add_argument("--valid-seconds", type=float, default=12.0, help="per instrument")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    index = {}
    for split, seconds in (("train", args.train_seconds), ("valid", args.valid_seconds)):
        lines = melodies("train" if split == "train" else "test")
        velocities = (35, 127) if split == "train" else HELDOUT_VELOCITIES
        parts = []
        for name in INSTRUMENTS:
            rng = random.Random(f"{split}-{name}")
            mid, wav = (os.path.join(args.out, f"{split}_{name}.{e}") for e in ("mid", "wav"))
            audio = render_instrument(rng, lines, name, seconds, velocities, mid, wav)
            os.remove(wav)
            audio = audio / max(np.abs(audio).max(), 1e-3) * 0.8  # instruments level-matched; dynamics kept
            parts.append(audio)
            if split == "valid":
                write_wav(os.path.join(args.out, f"heldout_{name}.wav"), audio)
            index[f"{split}_{name}"] = round(len(audio) / SAMPLE_RATE, 2)
        np.save(os.path.join(args.out, f"{split}.npy"), np.concatenate(parts).astype(np.float32))
        print(f"{split}: {sum(len(p) for p in parts) / SAMPLE_RATE:.1f} s from {len(lines)} melodies", flush=True)
    with open(os.path.join(args.out, "index.json"), "w") as f:
        json.dump({"seconds": index, "heldout_velocities": HELDOUT_VELOCITIES,
                   "instruments": {k: v[0] for k, v in INSTRUMENTS.items()}}, f, indent=2)


if __name__ == "__main__":
    main()
