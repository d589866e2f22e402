"""Differentiable harmonic-plus-filtered-noise synth that matches the C# engine.

- Harmonics: amplitude_k = A * c_k, with c the harmonic distribution the decoder already band-limited and
  normalized to sum 1 (as ParametricTimbre does); frame values are linearly interpolated per sample and
  phase is the running sum of 2*pi*f0/sr (HarmonicOscillatorBank).
- Noise: uniform white noise in [-1, 1) through a 128-tap linear-phase FIR built from the 65 band
  magnitudes by an inverse real DFT and a Hann window (FilteredNoise.BuildSynthesisMatrix). The filter is
  linear in the magnitudes, so crossfading filters between frames equals filtering by interpolated
  magnitudes: y[n] = sum_k M_k(n) * (g_k * x)[n], with g_k the impulse response of band k alone.
"""
import math

import numpy as np
import torch

from common import BANDS, HOP, SAMPLE_RATE, TAPS


def synthesis_matrix():
    """[TAPS, BANDS]: column k is the causal impulse response of unit magnitude in band k (delay TAPS/2)."""
    n = TAPS
    t = np.arange(TAPS)[:, None]
    k = np.arange(BANDS)[None, :]
    hann = 0.5 - 0.5 * np.cos(2 * np.pi * t / n)
    weight = np.where((k == 0) | (k == BANDS - 1), 1.0, 2.0)
    return (weight / n * np.cos(2 * np.pi * k * (t - n // 2) / n) * hann).astype(np.float32)


def upsample(frames, hop=HOP):
    """[B, F, C] frame values at samples i*hop -> [B, F*hop, C], linear between frames, last frame held."""
    b, f, c = frames.shape
    nxt = torch.cat([frames[:, 1:], frames[:, -1:]], dim=1)
    alpha = (torch.arange(hop, dtype=frames.dtype) / hop)[None, None, :, None]
    out = frames[:, :, None, :] * (1 - alpha) + nxt[:, :, None, :] * alpha
    return out.reshape(b, f * hop, c)


def harmonic(f0_hz, amplitude, distribution, sample_rate=SAMPLE_RATE, hop=HOP):
    """f0 [B,F], amplitude [B,F,1], distribution [B,F,K] -> audio [B, F*hop].

    The sines depend only on f0 (an input, never trained through), so they are built without autograd and
    the interpolated amplitudes enter as two per-frame contractions: this keeps training memory and time small.
    """
    b, f, k = distribution.shape
    with torch.no_grad():
        f0 = upsample(f0_hz[..., None], hop)[..., 0]
        # Phase accumulates in double and wraps before the float cast: float32 would drift over long clips.
        phase = torch.remainder(torch.cumsum(2 * math.pi * f0.double() / sample_rate, dim=1), 2 * math.pi).to(f0_hz.dtype)
        harmonics = torch.arange(1, k + 1, dtype=f0_hz.dtype)
        sines = torch.sin(phase[..., None] * harmonics).reshape(b, f, hop, k)
    amps = amplitude * distribution
    nxt = torch.cat([amps[:, 1:], amps[:, -1:]], dim=1)
    alpha = torch.arange(hop, dtype=amps.dtype) / hop
    here = torch.einsum("bfk,bfsk->bfs", amps, sines)
    there = torch.einsum("bfk,bfsk->bfs", nxt, sines)
    return (here * (1 - alpha) + there * alpha).reshape(b, f * hop)


class FilteredNoise(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("kernels", torch.from_numpy(synthesis_matrix()).T.contiguous()[:, None, :])  # [BANDS,1,TAPS]

    def forward(self, magnitudes, hop=HOP, generator=None):
        """magnitudes [B,F,BANDS] -> audio [B, F*hop]."""
        b, f, _ = magnitudes.shape
        n = f * hop
        white = torch.rand(1, 1, n + TAPS - 1, generator=generator) * 2 - 1
        # Causal convolution: conv1d is correlation, so flip the kernels.
        bands = torch.nn.functional.conv1d(white, self.kernels.flip(-1))[0]  # [BANDS, n]
        bands = bands.reshape(BANDS, f, hop)
        nxt = torch.cat([magnitudes[:, 1:], magnitudes[:, -1:]], dim=1)
        alpha = torch.arange(hop, dtype=magnitudes.dtype) / hop
        here = torch.einsum("bfk,kfs->bfs", magnitudes, bands)
        there = torch.einsum("bfk,kfs->bfs", nxt, bands)
        return (here * (1 - alpha) + there * alpha).reshape(b, n)
