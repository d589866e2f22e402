"""Renders the training audio: writes short MIDI files (seeded, so the data set is reproducible) and renders
them with FluidSynth and the FluidR3_GM SoundFont (MIT) to 48 kHz mono float32 arrays.

Output: <out>/train.npy, <out>/valid.npy (held-out: different seed, same instruments), plus the MIDI files.
"""
import argparse
import os
import random
import struct
import subprocess
import wave

import numpy as np

SOUNDFONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2"
SAMPLE_RATE = 48000
TICKS = 480
# General MIDI programs: a plucked/struck, a sustained, a blown and a bass timbre cover the main envelope types.
INSTRUMENTS = {"piano": 0, "strings": 48, "flute": 73, "bass": 33}
SCALES = [[0, 2, 4, 5, 7, 9, 11], [0, 2, 3, 5, 7, 8, 10], [0, 2, 4, 7, 9]]


def varlen(value):
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


def write_midi(path, program, notes):
    """notes: (start_tick, duration_ticks, pitch, velocity). One track, channel 0, 120 bpm."""
    events = [(0, bytes([0xC0, program]))]
    for start, dur, pitch, vel in notes:
        events.append((start, bytes([0x90, pitch, vel])))
        events.append((start + dur, bytes([0x80, pitch, 0])))
    events.sort(key=lambda e: (e[0], e[1][0] == 0x90))  # note-offs before note-ons at the same tick
    track, now = bytearray(), 0
    track += varlen(0) + bytes([0xFF, 0x51, 3]) + (500000).to_bytes(3, "big")
    for tick, data in events:
        track += varlen(tick - now) + data
        now = tick
    track += varlen(TICKS) + bytes([0xFF, 0x2F, 0])
    with open(path, "wb") as f:
        f.write(b"MThd" + struct.pack(">IHHH", 6, 0, 1, TICKS))
        f.write(b"MTrk" + struct.pack(">I", len(track)) + track)


def compose(rng, instrument, seconds):
    """Phrases of scale runs, arpeggios and held chords with varied dynamics, rests and registers."""
    low, high = (28, 55) if instrument == "bass" else (48, 84)
    notes, tick, end = [], 0, int(seconds * 2 * TICKS)
    while tick < end:
        root = rng.randint(low, high - 12)
        scale = rng.choice(SCALES)
        kind = rng.random()
        step = rng.choice([TICKS // 4, TICKS // 2, TICKS])
        vel = rng.randint(40, 120)
        if kind < 0.45:  # run
            degree = 0
            for _ in range(rng.randint(4, 12)):
                degree += rng.choice([-1, 1, 1, 2])
                octave, idx = divmod(degree, len(scale))
                pitch = min(high, max(low, root + 12 * octave + scale[idx]))
                notes.append((tick, int(step * rng.uniform(0.6, 1.0)), pitch, vel))
                tick += step
        elif kind < 0.8:  # arpeggio
            for i in range(rng.randint(4, 10)):
                pitch = min(high, root + [0, 4, 7, 12, 7, 4][i % 6])
                notes.append((tick, step, pitch, max(1, vel - 10 * (i % 2))))
                tick += step
        else:  # chord
            dur = rng.choice([TICKS, 2 * TICKS, 3 * TICKS])
            for interval in (0, 4, 7) if instrument != "bass" else (0,):
                notes.append((tick, dur, min(high, root + interval), vel))
            tick += dur
        tick += rng.choice([0, 0, TICKS // 2, TICKS])
    return notes


def render(midi_path, wav_path):
    subprocess.run(["fluidsynth", "-ni", "-q", "-g", "0.7", "-r", str(SAMPLE_RATE), "-T", "wav", "-O", "s16",
                    "-F", wav_path, SOUNDFONT, midi_path], check=True, stdout=subprocess.DEVNULL)
    with wave.open(wav_path) as w:
        channels, frames = w.getnchannels(), w.getnframes()
        assert w.getframerate() == SAMPLE_RATE
        pcm = np.frombuffer(w.readframes(frames), dtype=np.int16).astype(np.float32) / 32768.0
    return pcm.reshape(-1, channels).mean(axis=1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="work/data")
    parser.add_argument("--train-seconds", type=float, default=45.0, help="per instrument")
    parser.add_argument("--valid-seconds", type=float, default=4.0, help="per instrument")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for split, seconds, seed in (("train", args.train_seconds, 1), ("valid", args.valid_seconds, 2)):
        parts = []
        for name, program in INSTRUMENTS.items():
            rng = random.Random(f"{split}-{name}-{seed}")
            mid = os.path.join(args.out, f"{split}_{name}.mid")
            wav = os.path.join(args.out, f"{split}_{name}.wav")
            write_midi(mid, program, compose(rng, name, seconds))
            audio = render(mid, wav)
            os.remove(wav)
            peak = np.abs(audio).max()
            parts.append(audio / max(peak, 1e-3) * 0.8)  # level-match instruments so none dominates the loss
        data = np.concatenate(parts).astype(np.float32)
        np.save(os.path.join(args.out, f"{split}.npy"), data)
        print(f"{split}: {len(data) / SAMPLE_RATE:.1f} s")


if __name__ == "__main__":
    main()
