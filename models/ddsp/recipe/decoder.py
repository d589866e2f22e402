"""DDSP decoder: (f0, loudness) per frame -> overall amplitude, harmonic distribution, noise magnitudes.

Small on purpose (GRU 128): it runs for up to 64 voices every 4 ms on the audio thread. Inputs are in
physical units (Hz, dB) and scaled inside the network so the ONNX contract is unit-based. The harmonic
distribution is band-limited inside the network in absolute Hz (fade from 0.8 to 0.95 of the training
Nyquist, as ParametricTimbre fades at the engine's Nyquist) and normalized to sum 1, so the engine multiplies
by the amplitude and nothing else.
"""
import math

import torch
from torch import nn

from common import BAND_MAX_HZ, BANDS, HARMONICS, HIDDEN, LOUDNESS_FLOOR_DB

MLP = 96


def scaled_sigmoid(x):
    """DDSP's exp_sigmoid: positive, smooth, range about 1e-7..2."""
    return 2.0 * torch.sigmoid(x) ** math.log(10.0) + 1e-7


def mlp(inputs, width):
    return nn.Sequential(nn.Linear(inputs, width), nn.LayerNorm(width), nn.LeakyReLU(),
                         nn.Linear(width, width), nn.LayerNorm(width), nn.LeakyReLU())


class Decoder(nn.Module):
    def __init__(self, harmonics=HARMONICS, bands=BANDS, band_max_hz=BAND_MAX_HZ):
        super().__init__()
        self.harmonics, self.bands, self.band_max_hz = harmonics, bands, band_max_hz
        self.f0_mlp = mlp(1, MLP)
        self.ld_mlp = mlp(1, MLP)
        self.gru = nn.GRU(2 * MLP, HIDDEN, batch_first=True)
        self.out_mlp = mlp(HIDDEN + 2 * MLP, 128)
        self.head = nn.Linear(128, 1 + harmonics + bands)
        with torch.no_grad():
            self.head.bias[1 + harmonics:] = -4.0   # start nearly noiseless
        self.register_buffer("harmonic_numbers", torch.arange(1, harmonics + 1, dtype=torch.float32))

    def config(self):
        """What a checkpoint needs besides the weights to rebuild this decoder."""
        return {"harmonics": self.harmonics, "bands": self.bands, "band_max_hz": self.band_max_hz}

    def forward(self, f0_hz, loudness_db, state):
        """f0_hz, loudness_db [B,T]; state [1,B,HIDDEN] -> amplitude [B,T,1], distribution [B,T,H],
        noise [B,T,BANDS], state."""
        f0_scaled = (12.0 * torch.log2(torch.clamp(f0_hz, min=1.0) / 440.0) + 69.0) / 127.0
        ld_scaled = (loudness_db - LOUDNESS_FLOOR_DB) / -LOUDNESS_FLOOR_DB
        a = self.f0_mlp(f0_scaled[..., None])
        b = self.ld_mlp(ld_scaled[..., None])
        x = torch.cat([a, b], dim=-1)
        y, state = self.gru(x, state)
        out = scaled_sigmoid(self.head(self.out_mlp(torch.cat([y, x], dim=-1))))
        amplitude = out[..., :1]
        distribution = out[..., 1:1 + self.harmonics]
        noise = out[..., 1 + self.harmonics:]
        freq = f0_hz[..., None] * self.harmonic_numbers
        fade_start, fade_end = 0.8 * self.band_max_hz, 0.95 * self.band_max_hz
        mask = torch.clamp((fade_end - freq) / (fade_end - fade_start), 0.0, 1.0)
        distribution = distribution * mask
        distribution = distribution / torch.clamp(distribution.sum(-1, keepdim=True), min=1e-7)
        return amplitude, distribution, noise, state


class DecoderStep(nn.Module):
    """One frame for a batch of voices, the shape the engine calls: [V,1] inputs, [V,HIDDEN] state."""

    def __init__(self, decoder):
        super().__init__()
        self.decoder = decoder

    def forward(self, f0_hz, loudness_db, state_in):
        amplitude, distribution, noise, state = self.decoder(f0_hz, loudness_db, state_in[None])
        return amplitude[:, 0], distribution[:, 0], noise[:, 0], state[0]
