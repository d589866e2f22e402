"""Differentiable harmonic-plus-filtered-noise synth that matches the C# engine.

- Harmonics: amplitude_k = A * c_k, with c the harmonic distribution the decoder already band-limited and
  normalized to sum 1 (as ParametricTimbre does); frame values are linearly interpolated per sample and
  phase is the running sum of 2*pi*f0/sr (HarmonicOscillatorBank). Harmonics at or above Nyquist are dropped
  (the engine's HarmonicLimiter does the same at the host rate).
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
    alpha = (torch.arange(hop, dtype=frames.dtype, device=frames.device) / hop)[None, None, :, None]
    out = frames[:, :, None, :] * (1 - alpha) + nxt[:, :, None, :] * alpha
    return out.reshape(b, f * hop, c)


class _SineSum(torch.autograd.Function):
    """y[b,f,s] = sum_k sin(k*phase[b,f,s]) * (here[b,f,k]*(1-s/hop) + there[b,f,k]*s/hop).

    The sines (up to 100 harmonics at 48 kHz: 38M values per batch of eight 1 s crops) depend only on f0,
    which is never trained through. Building them as one tensor cost ~3 s of CPU per step, mostly page faults
    on fresh 150 MB buffers; here they are made a few frames at a time in one reused cache-sized buffer and
    rebuilt in backward instead of being stored.
    """

    @staticmethod
    def _chunks(phase, k, chunk):
        b, f, hop = phase.shape
        flat = torch.empty(b * chunk * hop * k, dtype=phase.dtype, device=phase.device)
        numbers = torch.arange(1, k + 1, dtype=phase.dtype, device=phase.device)
        for c0 in range(0, f, chunk):
            c1 = min(f, c0 + chunk)
            sines = flat[:b * (c1 - c0) * hop * k].view(b, c1 - c0, hop, k)
            torch.mul(phase[:, c0:c1, :, None], numbers, out=sines)
            torch.sin(sines, out=sines)
            yield c0, c1, sines

    @staticmethod
    def forward(ctx, here, there, phase, chunk):
        b, f, k = here.shape
        hop = phase.shape[2]
        alpha = torch.arange(hop, dtype=here.dtype, device=here.device) / hop
        out = torch.empty(b, f, hop, dtype=here.dtype, device=here.device)
        for c0, c1, sines in _SineSum._chunks(phase, k, chunk):
            near = torch.matmul(sines, here[:, c0:c1, :, None])[..., 0]
            far = torch.matmul(sines, there[:, c0:c1, :, None])[..., 0]
            out[:, c0:c1] = near * (1 - alpha) + far * alpha
        ctx.save_for_backward(phase)
        ctx.chunk, ctx.k = chunk, k
        return out

    @staticmethod
    def backward(ctx, grad):
        (phase,) = ctx.saved_tensors
        b, f, hop = phase.shape
        alpha = torch.arange(hop, dtype=grad.dtype, device=grad.device) / hop
        g_near, g_far = (grad * (1 - alpha))[:, :, None, :], (grad * alpha)[:, :, None, :]
        d_here = torch.empty(b, f, ctx.k, dtype=grad.dtype, device=grad.device)
        d_there = torch.empty(b, f, ctx.k, dtype=grad.dtype, device=grad.device)
        for c0, c1, sines in _SineSum._chunks(phase, ctx.k, ctx.chunk):
            d_here[:, c0:c1] = torch.matmul(g_near[:, c0:c1], sines)[:, :, 0]
            d_there[:, c0:c1] = torch.matmul(g_far[:, c0:c1], sines)[:, :, 0]
        return d_here, d_there, None, None


def harmonic(f0_hz, amplitude, distribution, sample_rate=SAMPLE_RATE, hop=HOP, chunk=4):
    """f0 [B,F], amplitude [B,F,1], distribution [B,F,K] -> audio [B, F*hop].

    Between frames f and f+1, f0 and the amplitudes move linearly; a harmonic is dropped over that whole
    segment when it reaches Nyquist at either end (f0 is linear, so it stays below Nyquist in between).
    """
    b, f, k = distribution.shape
    with torch.no_grad():
        f0 = upsample(f0_hz[..., None], hop)[..., 0]
        # Phase accumulates in double and wraps before the float cast: float32 would drift over long clips.
        phase = torch.remainder(torch.cumsum(2 * math.pi * f0.double() / sample_rate, dim=1), 2 * math.pi).to(f0_hz.dtype)
        top = torch.maximum(f0_hz, torch.cat([f0_hz[:, 1:], f0_hz[:, -1:]], dim=1))
        audible = (top[..., None] * torch.arange(1, k + 1, dtype=f0_hz.dtype, device=f0_hz.device) < sample_rate / 2).to(f0_hz.dtype)
    amps = amplitude * distribution
    here = amps * audible
    there = torch.cat([amps[:, 1:], amps[:, -1:]], dim=1) * audible
    if f0_hz.device.type != "cpu":
        chunk = f   # on a GPU memory is plentiful and kernel launches are what cost: one chunk
    return _SineSum.apply(here, there, phase.reshape(b, f, hop), chunk).reshape(b, f * hop)


class FilteredNoise(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("kernels", torch.from_numpy(synthesis_matrix()).T.contiguous()[:, None, :])  # [BANDS,1,TAPS]

    def forward(self, magnitudes, hop=HOP, generator=None):
        """magnitudes [B,F,BANDS] -> audio [B, F*hop]."""
        b, f, _ = magnitudes.shape
        n = f * hop
        # The generator decides the device of the noise (evaluation passes a seeded CPU one).
        white = (torch.rand(1, 1, n + TAPS - 1, generator=generator, device=generator.device if generator is not None else magnitudes.device)
                 .to(magnitudes.device) * 2 - 1)
        # Causal convolution: conv1d is correlation, so flip the kernels.
        bands = torch.nn.functional.conv1d(white, self.kernels.flip(-1))[0]  # [BANDS, n]
        bands = bands.reshape(BANDS, f, hop)
        nxt = torch.cat([magnitudes[:, 1:], magnitudes[:, -1:]], dim=1)
        alpha = torch.arange(hop, dtype=magnitudes.dtype, device=magnitudes.device) / hop
        here = torch.einsum("bfk,kfs->bfs", magnitudes, bands)
        there = torch.einsum("bfk,kfs->bfs", nxt, bands)
        return (here * (1 - alpha) + there * alpha).reshape(b, n)
