"""Measures what `neuralsynth rave --generate` plays (issue 14: the prior's audio must move, with a loudness spread
like the training audio's): 50 ms loudness in dB over the audible frames, its standard deviation, the means of the
two halves (a stationary drone has equal halves and a small spread), and the level against the training audio.

  dotnet .../neuralsynth.dll rave --generate 20 -o work/generated.wav
  /usr/bin/python3 prior_check.py work/generated.wav [--data work/data]
"""
import argparse
import json
import os

import numpy as np
from scipy.io import wavfile

HOP = 2400  # 50 ms at 48 kHz


def loudness_db(x):
    n = len(x) // HOP * HOP
    rms = np.sqrt(np.mean(x[:n].astype(np.float64).reshape(-1, HOP) ** 2, 1))
    return 20 * np.log10(rms + 1e-9)


def describe(x):
    db = loudness_db(x)
    audible = db[db > db.max() - 60]  # rests below the loudest frame - 60 dB are not "variance"
    half = len(db) // 2
    return {"seconds": round(len(x) / 48000, 1), "mean_db": round(float(audible.mean()), 1),
            "std_db": round(float(audible.std()), 1), "first_half_db": round(float(db[:half].mean()), 1),
            "second_half_db": round(float(db[half:].mean()), 1)}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("generated")
    p.add_argument("--data", default="work/data")
    args = p.parse_args()
    rate, y = wavfile.read(args.generated)
    assert rate == 48000, "generate at the model's rate"
    y = y.astype(np.float32).reshape(len(y), -1).mean(1)
    train = np.load(os.path.join(args.data, "train.npy"))
    print(json.dumps({"generated": describe(y), "training_audio": describe(train)}, indent=2))


if __name__ == "__main__":
    main()
