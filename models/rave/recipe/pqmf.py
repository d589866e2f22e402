"""Pseudo-QMF (cosine-modulated) filter bank, written as causal polyphase convolutions at the band rate so it
streams exactly: a chunk of M*T samples gives T band frames, and the only state is the last Q-1 frames.

The C# twin (src/NeuralSynth.Rave/Dsp/Pqmf*.cs) designs the same filters from the same four numbers
(bands, taps, cutoff, beta) that the manifest stores, so no coefficient file ships with a model.
"""
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def prototype(taps, cutoff, beta):
    """Kaiser-windowed sinc low-pass; cutoff in radians/sample."""
    n = np.arange(taps, dtype=np.float64) - (taps - 1) / 2.0
    ideal = np.sin(cutoff * n) / (math.pi * n)  # taps is even, so n is never 0
    return ideal * np.kaiser(taps, beta)


def design_cutoff(bands, taps, beta):
    """Cutoff that best cancels the prototype's autocorrelation at multiples of 2M (near-perfect reconstruction).
    A golden-section refinement of a coarse grid; deterministic."""
    def objective(wc):
        h = prototype(taps, wc, beta)
        r = np.convolve(h, h[::-1])
        c = taps - 1
        lags = [c + 2 * bands * k for k in range(-(c // (2 * bands)), c // (2 * bands) + 1) if k != 0]
        return float(np.max(np.abs(r[lags])))
    grid = np.linspace(0.5 * math.pi / (2 * bands), 1.5 * math.pi / (2 * bands), 201)
    best = min(grid, key=objective)
    step = grid[1] - grid[0]
    lo, hi = best - step, best + step
    for _ in range(60):
        a, b = lo + (hi - lo) * 0.382, lo + (hi - lo) * 0.618
        if objective(a) < objective(b):
            hi = b
        else:
            lo = a
    return (lo + hi) / 2


def filters(bands, taps, cutoff, beta):
    """Analysis h_k and synthesis g_k, each [bands, taps], float64."""
    h = prototype(taps, cutoff, beta)
    n = np.arange(taps) - (taps - 1) / 2.0
    k = np.arange(bands)[:, None]
    phase = (2 * k + 1) * math.pi / (2 * bands) * n[None, :]
    sign = np.where(k % 2 == 0, 1.0, -1.0) * math.pi / 4
    analysis = 2 * h[None, :] * np.cos(phase + sign)
    synthesis = 2 * h[None, :] * np.cos(phase - sign)
    return analysis, synthesis


class PQMF(nn.Module):
    def __init__(self, bands=16, taps=256, beta=9.0, cutoff=None):
        super().__init__()
        assert taps % bands == 0
        self.bands, self.taps, self.beta = bands, taps, beta
        self.cutoff = design_cutoff(bands, taps, beta) if cutoff is None else cutoff
        self.frames = taps // bands  # Q: kernel length at the band rate
        analysis, synthesis = filters(bands, taps, self.cutoff, beta)
        m, q = bands, self.frames
        wa = np.zeros((m, m, q))
        ws = np.zeros((m, m, q))
        for qq in range(q):
            for r in range(m):
                # out_k[t] = sum_{q,s} h_k[qM+s] x[(t-q)M + M-1-s]; conv index q' = Q-1-q, phase r = M-1-s
                wa[:, r, q - 1 - qq] = analysis[:, qq * m + (m - 1 - r)]
                # y[tM+r] = M sum_{k,q} g_k[qM+r] x_k[t-q]
                ws[r, :, q - 1 - qq] = m * synthesis[:, qq * m + r]
        self.register_buffer("wa", torch.tensor(wa, dtype=torch.float32))
        self.register_buffer("ws", torch.tensor(ws, dtype=torch.float32))

    @property
    def delay(self):
        """Samples by which synthesis(analysis(x)) lags x."""
        return self.taps - self.bands

    def analysis(self, x, state=None):
        """x [B, 1, N] (N a multiple of bands) -> bands [B, M, N/M]; state: previous Q-1 frames [B, M, Q-1]."""
        b = x.shape[0]
        frames = x.reshape(b, -1, self.bands).transpose(1, 2)
        padded = F.pad(frames, (self.frames - 1, 0)) if state is None else torch.cat([state, frames], -1)
        return F.conv1d(padded, self.wa), padded[..., -(self.frames - 1):]

    def synthesis(self, bands, state=None):
        b = bands.shape[0]
        padded = F.pad(bands, (self.frames - 1, 0)) if state is None else torch.cat([state, bands], -1)
        frames = F.conv1d(padded, self.ws)
        return frames.transpose(1, 2).reshape(b, 1, -1), padded[..., -(self.frames - 1):]

    def manifest(self):
        return {"bands": self.bands, "taps": self.taps, "cutoff": self.cutoff, "beta": self.beta,
                "delay_samples": self.delay, "location": "host"}


if __name__ == "__main__":
    p = PQMF()
    x = torch.randn(1, 1, 48000) * 0.1
    y, _ = p.synthesis(p.analysis(x)[0])
    d = p.delay
    err = (y[..., d:] - x[..., :-d]).abs().max().item()
    gain = (y[..., d:].std() / x[..., :-d].std()).item()
    print(f"cutoff {p.cutoff:.10f} delay {d} max reconstruction error {err:.2e} gain {gain:.4f}")
    a1, s1 = p.analysis(x[..., :16000])
    a2, _ = p.analysis(x[..., 16000:], s1)
    full, _ = p.analysis(x)
    print("streaming analysis error", (torch.cat([a1, a2], -1) - full).abs().max().item())
