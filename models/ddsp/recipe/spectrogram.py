"""Spectrogram panels for the evaluation report: one row per signal, 0..24 kHz on a linear axis (the issue
is the top octave, which a log axis squeezes), 80 dB range under the loudest bin of all panels."""
import numpy as np
from PIL import Image, ImageDraw

from common import SAMPLE_RATE

N_FFT, HOP, HEIGHT, RANGE_DB = 2048, 480, 256, 80.0


def _spectrum_db(audio, height=HEIGHT, hop=HOP):
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)
    starts = range(0, max(1, len(audio) - N_FFT + 1), hop)
    frames = np.stack([np.pad(audio[s:s + N_FFT], (0, max(0, N_FFT - len(audio[s:s + N_FFT])))) * window for s in starts])
    power = np.abs(np.fft.rfft(frames, axis=1)) ** 2
    # Rows: `height` bands of equal width from Nyquist (top) down to 0 Hz; each row takes its loudest bin.
    edges = np.linspace(0, power.shape[1], height + 1).astype(int)
    rows = np.stack([power[:, a:max(b, a + 1)].max(axis=1) for a, b in zip(edges[:-1], edges[1:])])
    return 10 * np.log10(rows[::-1] + 1e-12)


def _colour(level):
    """0..1 -> black, blue, red, yellow, white."""
    stops = np.array([[0, 0, 0], [30, 30, 160], [200, 30, 60], [250, 200, 40], [255, 255, 255]], dtype=float)
    x = np.clip(level, 0, 1) * (len(stops) - 1)
    i = np.minimum(x.astype(int), len(stops) - 2)
    f = (x - i)[..., None]
    return (stops[i] * (1 - f) + stops[i + 1] * f).astype(np.uint8)


def write_panels(path, panels, height=HEIGHT, hop=HOP, colours=None):
    """panels: [(label, mono audio at SAMPLE_RATE)] -> PNG, stacked top to bottom, 8 kHz grid lines. `colours`
    (e.g. 64) stores the sheet with a palette of that many colours: a small file for a README."""
    spectra = [(label, _spectrum_db(np.asarray(audio, dtype=np.float64), height, hop)) for label, audio in panels]
    top = max(s.max() for _, s in spectra)
    images = []
    for label, s in spectra:
        image = Image.fromarray(_colour((s - (top - RANGE_DB)) / RANGE_DB))
        draw = ImageDraw.Draw(image)
        for khz in (8, 16):
            y = int(height * (1 - khz * 1000 / (SAMPLE_RATE / 2)))
            draw.line([(0, y), (image.width, y)], fill=(128, 128, 128))
            draw.text((2, y - 11), f"{khz} kHz", fill=(200, 200, 200))
        draw.text((4, 2), label, fill=(255, 255, 255))
        images.append(image)
    sheet = Image.new("RGB", (max(i.width for i in images), sum(i.height + 4 for i in images)))
    y = 0
    for image in images:
        sheet.paste(image, (0, y))
        y += image.height + 4
    if colours:
        sheet = sheet.quantize(colours)
    sheet.save(path, optimize=True)
