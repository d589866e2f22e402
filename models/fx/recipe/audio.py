"""Training audio, generated here so the recipe needs no downloads: Karplus-Strong plucked strings and
fluidsynth renders of MIDI files this module writes, with FluidR3_GM.sf2 (MIT) from Debian."""
import os
import struct
import subprocess
import wave

import numpy as np

RATE = 48000
SOUNDFONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2"


def karplus_strong(rng, seconds):
    """A sequence of plucks (random pitch 70-700 Hz, decay, pluck brightness, spacing), float32 mono."""
    total = int(seconds * RATE)
    out = np.zeros(total, dtype=np.float64)
    t = 0
    while t < total:
        freq = 70 * 10 ** rng.uniform(0, 1)
        period = max(2, int(RATE / freq))
        length = min(total - t, int(RATE * rng.uniform(0.25, 1.5)))
        if length < 2 * period:
            break
        rho = rng.uniform(0.990, 0.9995)
        # The excitation's low-pass sets brightness: a soft pluck is smoothed noise.
        noise = rng.uniform(-1, 1, period)
        smooth = rng.uniform(0, 0.9)
        for i in range(1, period):
            noise[i] = (1 - smooth) * noise[i] + smooth * noise[i - 1]
        buf = np.zeros(length + period + 1)
        buf[:period] = noise
        # y[n] = rho/2 (y[n-P] + y[n-P-1]), advanced one period at a time so numpy does the inner loop.
        for start in range(period, length + period, period):
            end = min(start + period, length + period)
            prev = buf[start - period:end - period]
            prev2 = buf[start - period - 1:end - period - 1] if start - period - 1 >= 0 else np.concatenate(([0.0], buf[:end - period - 1]))
            buf[start:end] = 0.5 * rho * (prev + prev2)
        out[t:t + length] += buf[period:period + length] * rng.uniform(0.3, 1.0)
        t += max(period, int(length * rng.uniform(0.3, 1.0)))
    return (out / max(1e-9, np.abs(out).max())).astype(np.float32)


def _vlq(value):
    data = [value & 0x7F]
    value >>= 7
    while value:
        data.append((value & 0x7F) | 0x80)
        value >>= 7
    return bytes(reversed(data))


def write_midi(path, rng, program, seconds, low, high, poly):
    """One-track SMF: random phrases (notes, chords of up to `poly` notes, varied velocity and length)."""
    ticks = 480  # per quarter at the default 120 bpm: 960 ticks per second
    events = []  # (tick, bytes)
    events.append((0, bytes([0xC0, program])))
    t = 0.0
    while t < seconds - 1:
        dur = rng.uniform(0.1, 1.2)
        notes = rng.integers(low, high, size=rng.integers(1, poly + 1))
        vel = int(rng.integers(30, 127))
        for n in set(int(x) for x in notes):
            events.append((int(t * 960), bytes([0x90, n, vel])))
            events.append((int((t + dur) * 960), bytes([0x80, n, 0])))
        t += dur * rng.uniform(0.5, 1.2) + (rng.uniform(0, 0.6) if rng.random() < 0.2 else 0)
    events.sort(key=lambda e: e[0])
    track, last = b"", 0
    for tick, msg in events:
        track += _vlq(tick - last) + msg
        last = tick
    track += b"\x00\xff\x2f\x00"
    with open(path, "wb") as f:
        f.write(b"MThd" + struct.pack(">IHHH", 6, 0, 1, ticks))
        f.write(b"MTrk" + struct.pack(">I", len(track)) + track)


def read_wav_mono(path):
    with wave.open(path, "rb") as w:
        channels, width, frames = w.getnchannels(), w.getsampwidth(), w.getnframes()
        assert width == 2 and w.getframerate() == RATE, (width, w.getframerate())
        data = np.frombuffer(w.readframes(frames), dtype="<i2").astype(np.float32) / 32768
    return data.reshape(-1, channels).mean(axis=1)


# (GM program, lowest note, highest note, max polyphony): piano, clean e-guitar, overdriven guitar,
# fingered bass, organ, strings, nylon guitar, brass: wide spread of attacks, sustains and spectra.
INSTRUMENTS = [(0, 36, 96, 4), (27, 40, 84, 3), (29, 40, 76, 2), (33, 28, 55, 1),
               (16, 36, 84, 4), (48, 40, 84, 3), (24, 40, 84, 3), (61, 45, 80, 2)]


def fluidsynth_clips(workdir, rng, seconds):
    clips = []
    for program, low, high, poly in INSTRUMENTS:
        mid = os.path.join(workdir, f"gm{program}.mid")
        wav = os.path.join(workdir, f"gm{program}.wav")
        write_midi(mid, rng, program, seconds, low, high, poly)
        subprocess.run(["fluidsynth", "-ni", "-q", "-g", "0.8", "-r", str(RATE), "-F", wav, SOUNDFONT, mid],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        x = read_wav_mono(wav)
        clips.append(x / max(1e-9, np.abs(x).max()))
    return clips
