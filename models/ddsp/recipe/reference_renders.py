"""Short FluidR3_GM reference renders of held-out melodies for the C# quality test (issue #15 item 3): a few
seconds per instrument, committed, so a decoder regression fails CI without FluidSynth or Python.

    /usr/bin/python3 reference_renders.py violin flute trumpet --out ../../../tests/NeuralSynth.Ddsp.Tests/data/reference

Per instrument: <instrument>.wav (48 kHz mono 16-bit, the FluidR3_GM render of the held-out melody with seed
900000, the first test melody make_data.py writes, cut to --seconds) and <instrument>.controls.csv (per 250 Hz
frame: ground-truth f0 in Hz and the A-weighted loudness of the 16-bit audio, common.loudness_db).
"""
import argparse
import os
import tempfile
import wave

import numpy as np

from common import FRAME_RATE, HOP, SAMPLE_RATE, loudness_db
from make_data import RENDER_RATE, render, resample
from melodies import make_melody
from midi_writer import write_midi

SEED, SOURCE = 900000, "jsb"   # make_data.py's first held-out melody (test_000)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("instruments", nargs="+")
    p.add_argument("--out", required=True)
    p.add_argument("--seconds", type=float, default=4.0)
    p.add_argument("--melody-seconds", type=float, default=16.0, help="as make_data.py --seconds")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for name in a.instruments:
        events, f0, _ = make_melody(name, SEED, SOURCE, "test", a.melody_seconds)
        with tempfile.TemporaryDirectory() as tmp:
            write_midi(os.path.join(tmp, "m.mid"), events)
            audio = resample(render(os.path.join(tmp, "m.mid"), os.path.join(tmp, "m.wav")), RENDER_RATE, SAMPLE_RATE)
        frames = int(a.seconds * FRAME_RATE)
        pcm = np.clip(np.round(audio[:frames * HOP] * 32767), -32768, 32767).astype(np.int16)
        with wave.open(os.path.join(a.out, f"{name}.wav"), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(SAMPLE_RATE)
            w.writeframes(pcm.tobytes())
        loudness = loudness_db(pcm.astype(np.float32) / 32767)
        with open(os.path.join(a.out, f"{name}.controls.csv"), "w") as f:
            f.write("frame,f0_hz,loudness_db\n")
            for i in range(frames):
                f.write(f"{i},{f0[i]:.4f},{loudness[i]:.4f}\n")
        print(f"{name}: {frames / FRAME_RATE:.1f} s, peak {np.abs(pcm).max() / 32767:.3f}")


if __name__ == "__main__":
    main()
