"""Writes expressive melodies as MIDI, renders them with FluidSynth + FluidR3_GM (MIT) and stores
audio (SAMPLE_RATE mono, 48 kHz), ground-truth f0 and A-weighted loudness per frame.

    /usr/bin/python3 make_data.py --instrument violin --train 40 --test 8 --out work/violin [--sources jsb,random]

Melody sources cycle through --sources (see sources.py); the default leaves out the Nottingham tunes because
their encoding is GPL-3.0: weights trained on them must say so (export.py copies the sources into the manifest).
"""
import argparse
import os
import subprocess
import wave

import numpy as np

from common import HOP, SAMPLE_RATE, loudness_db
from melodies import make_melody
from sources import SOURCES
from midi_writer import write_midi

SOUNDFONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2"
RENDER_RATE = 96000          # FluidSynth does not band-limit its sample interpolation: render high, then resample


def render(midi_path, wav_path):
    subprocess.run(["fluidsynth", "-ni", "-q", "-g", "2.0", "-r", str(RENDER_RATE), "-T", "wav", "-O", "s16",
                    "-o", "synth.reverb.active=0", "-o", "synth.chorus.active=0",
                    "-F", wav_path, SOUNDFONT, midi_path], check=True, stdout=subprocess.DEVNULL)
    with wave.open(wav_path, "rb") as w:
        channels, frames = w.getnchannels(), w.getnframes()
        data = np.frombuffer(w.readframes(frames), dtype=np.int16).astype(np.float32) / 32768.0
    return data.reshape(-1, channels).mean(axis=1)


def resample(audio, source_rate, target_rate):
    """Band-limited resampling by spectrum truncation (offline, whole signal)."""
    n_out = int(len(audio) * target_rate // source_rate)
    spectrum = np.fft.rfft(audio)[: n_out // 2 + 1]
    return (np.fft.irfft(spectrum, n=n_out) * (n_out / len(audio))).astype(np.float32)


def make_split(instrument, count, seed_base, out_dir, split, sources, seconds):
    os.makedirs(out_dir, exist_ok=True)
    for i in range(count):
        seed = seed_base + i
        source = sources[i % len(sources)]
        events, f0, _ = make_melody(instrument, seed, source, split, seconds)
        midi_path = os.path.join(out_dir, f"{split}_{i:03d}.mid")
        wav_path = os.path.join(out_dir, f"{split}_{i:03d}.48k.wav")
        write_midi(midi_path, events)
        audio = resample(render(midi_path, wav_path), RENDER_RATE, SAMPLE_RATE)
        os.remove(wav_path)
        frames = min(len(f0), len(audio) // HOP)
        audio = audio[: frames * HOP]
        np.savez(os.path.join(out_dir, f"{split}_{i:03d}.npz"), audio=audio, f0=f0[:frames],
                 loudness=loudness_db(audio)[:frames], sample_rate=SAMPLE_RATE, source=source)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--instrument", required=True)
    p.add_argument("--train", type=int, default=72)
    p.add_argument("--test", type=int, default=8)
    p.add_argument("--out", required=True)
    p.add_argument("--sources", default="jsb,random", help="comma-separated keys of sources.SOURCES")
    # Long melodies: each FluidSynth call spends ~2 s of CPU loading the 148 MB soundfont, so fewer, longer
    # renders make the same hours of audio for a fraction of the cost.
    p.add_argument("--seconds", type=float, default=16.0)
    a = p.parse_args()
    sources = a.sources.split(",")
    for s in sources:
        if s not in SOURCES:
            p.error(f"unknown source '{s}' (known: {', '.join(SOURCES)})")
    # Disjoint seeds and the datasets' own train/test splits: held-out melodies are never seen in training.
    make_split(a.instrument, a.train, 1000, a.out, "train", sources, a.seconds)
    make_split(a.instrument, a.test, 900000, a.out, "test", sources, a.seconds)


if __name__ == "__main__":
    main()
