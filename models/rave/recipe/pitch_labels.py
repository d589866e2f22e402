"""Pitch labels for the decoder's pitch head (harmonic.py): YIN on the *training* audio, one label per latent
frame, so a crop's labels come from the audio it was cut from and nothing else.

Alignment: the decoder's f0 ramp reaches frame t's pitch at the frame's last sample, (t + 1) * ratio - 1, and the
harmonic audio then passes the PQMF pair whose delay the loss already removes. So frame t's label is YIN's
estimate over the window that ends at (t + 1) * ratio: the analysis starts `ratio - WINDOW` samples into the crop.
YIN reaches up to 2200 Hz here (the flute's top note is 2093 Hz), where the evaluation keeps its 1500 Hz ceiling.
"""
import numpy as np

from evaluate import yin

WINDOW, LOWEST_HZ, HIGHEST_HZ = 1600, 60.0, 2200.0
EXTRA = 4096  # samples past the crop that the last frame's YIN window needs (window + longest lag)


def labels(audio, ratio, frames):
    """audio [B, crop + EXTRA] (float32, unscaled) -> MIDI pitch [B, frames] and voiced mask [B, frames]."""
    pitch = np.zeros((audio.shape[0], frames), np.float32)
    voiced = np.zeros((audio.shape[0], frames), bool)
    for b, x in enumerate(audio):
        f, v = yin(x[ratio - WINDOW:], hop=ratio, window=WINDOW, fmin=LOWEST_HZ, fmax=HIGHEST_HZ)
        assert len(f) >= frames, "labels need EXTRA samples past the crop"
        f, v = f[:frames], v[:frames]
        voiced[b] = v
        pitch[b, v] = 69.0 + 12.0 * np.log2(f[v] / 440.0)
    return pitch, voiced
