"""Constants and analysis features shared by data making, training, export and evaluation.

Everything here is mirrored in C# (src/NeuralSynth.Ddsp): if a definition changes, change both.
"""
import numpy as np

# Full band: the decoders train on 48 kHz audio so harmonics and noise reach the top octave (issue #15). The
# shipped 16 kHz decoders (60 harmonics, bands to 8 kHz) were made by this recipe at commit 8747935.
SAMPLE_RATE = 48000          # training rate; the decoder's outputs are defined in absolute Hz up to BAND_MAX_HZ
FRAME_RATE = 250.0           # control rate, fixed whatever the audio rate: cost per second does not grow with it
HOP = int(SAMPLE_RATE / FRAME_RATE)   # 192 samples per frame = 6 engine control ticks of 32 samples
HARMONICS = 100              # the engine's SynthEngine.MaxHarmonics; harmonics above the band edge are faded out
BANDS = 65                   # noise bands, linearly spaced 0..BAND_MAX_HZ (the engine's FilteredNoise has 65)
TAPS = 2 * (BANDS - 1)       # 128-tap linear-phase FIR, as in FilteredNoise.cs
BAND_MAX_HZ = SAMPLE_RATE / 2
HIDDEN = 128                 # GRU state size
LOUDNESS_WINDOW_S = 0.032    # A-weighted loudness window (32 ms Hann), centred on the frame
LOUDNESS_FLOOR_DB = -100.0


def midi_to_hz(m):
    return 440.0 * 2.0 ** ((np.asarray(m, dtype=np.float64) - 69.0) / 12.0)


def a_weighting(freqs_hz):
    """IEC 61672 A-weighting as linear amplitude gain, 1.0 at 1 kHz."""
    f2 = np.asarray(freqs_hz, dtype=np.float64) ** 2
    ra = (12194.0 ** 2 * f2 ** 2) / ((f2 + 20.6 ** 2) * np.sqrt((f2 + 107.7 ** 2) * (f2 + 737.9 ** 2)) * (f2 + 12194.0 ** 2))
    return ra * 10.0 ** (2.0 / 20.0)


def loudness_window(sample_rate):
    """Window length (samples) and FFT size for the loudness feature at any rate."""
    length = int(round(LOUDNESS_WINDOW_S * sample_rate))
    n_fft = 1
    while n_fft < length:
        n_fft *= 2
    return length, n_fft


def loudness_db(audio, sample_rate=SAMPLE_RATE, hop=HOP):
    """A-weighted mean power per frame in dB (a full-scale 1 kHz sine reads -3 dB).

    Frame i is centred on sample i*hop; the signal is zero-padded at both ends.
    """
    audio = np.asarray(audio, dtype=np.float64)
    length, n_fft = loudness_window(sample_rate)
    n = np.arange(length)
    window = 0.5 - 0.5 * np.cos(2 * np.pi * n / length)   # periodic Hann
    frames = len(audio) // hop
    padded = np.concatenate([np.zeros(length // 2), audio, np.zeros(length)])
    idx = np.arange(frames)[:, None] * hop + n[None, :]
    spectrum = np.fft.rfft(padded[idx] * window, n=n_fft)
    weights = a_weighting(np.fft.rfftfreq(n_fft, 1.0 / sample_rate)) ** 2
    weights[1:-1] *= 2.0                                     # one-sided spectrum
    power = (np.abs(spectrum) ** 2 * weights).sum(axis=1) / n_fft / (window ** 2).sum()
    return np.maximum(10.0 * np.log10(power + 1e-30), LOUDNESS_FLOOR_DB).astype(np.float32)
