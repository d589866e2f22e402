"""Pitch as one more latent dimension: a small causal pitch encoder on the PQMF bands, read out as MIDI pitch.

Why (issue 14): the harmonic branch (harmonic.py) needs the input's pitch. Read from the VAE's 16 latents it
generalised badly: on training audio 5-22 cents median error, on the held-out melodies and velocities 93 (cello),
283 (clarinet) and 1017 (violin, 30 % octave errors); the latents follow loudness, and unseen velocities moved them
where the pitch reader had never been. The same classifier on the bands themselves, trained 7 minutes on random
crops at random gains, erred by 4-11 cents on every held-out instrument (measured on this recipe's data).

The encoder graph appends the pitch as latent dimension `latent` (after the PCA-rotated VAE dimensions):
(MIDI pitch - 60) / 12, octaves from middle C, so a bias of 1 on it transposes up an octave. Pitch is learnt as
classes a third of a semitone wide against YIN labels of the training audio (pitch_labels.py) with CREPE's
Gaussian-blurred targets; the graph emits the most likely class (class_pitch: bit-stable, so streaming stays exact).
"""
import torch
import torch.nn as nn

from model import CausalConv, ResBlock

LOWEST_MIDI, HIGHEST_MIDI = 24.0, 108.0
BINS_PER_SEMITONE = 3
PITCH_BINS = int(HIGHEST_MIDI - LOWEST_MIDI) * BINS_PER_SEMITONE + 1
TARGET_WIDTH = 0.25  # semitones: the Gaussian that labels spread over neighbouring bins (CREPE's targets)
CENTRE_MIDI, OCTAVE = 60.0, 12.0


def bin_pitches(device=None):
    return LOWEST_MIDI + torch.arange(PITCH_BINS, dtype=torch.float32, device=device) / BINS_PER_SEMITONE


def class_pitch(logits):
    """Pitch logits [B, PITCH_BINS, T] -> MIDI pitch [B, 1, T] of the most likely class: what the encoder graph
    emits. A discrete pitch is bit-stable: the oscillator bank integrates pitch into phase, so the float-level
    differences that chunking leaves in a continuous readout (1e-6 of an octave) grew into 2e-3 of audio
    difference between streamed and whole-signal output over 6 s, where exact streaming allows 1e-4. The price is
    a grid of a third of a semitone (vibrato moves in those steps, ramped across each 43 ms frame)."""
    return LOWEST_MIDI + torch.argmax(logits, 1, keepdim=True).float() / BINS_PER_SEMITONE


def to_latent(midi):
    return (midi - CENTRE_MIDI) / OCTAVE


def from_latent(channel):
    """The decoder's view: any value (a bias may push it anywhere) clamped to the pitches the bank can play."""
    return (CENTRE_MIDI + OCTAVE * channel).clamp(LOWEST_MIDI, HIGHEST_MIDI)


def loss(logits, target, voiced):
    """Cross-entropy against Gaussian-blurred one-hot labels (TARGET_WIDTH) on voiced frames. Regression to the
    pitch in semitones learnt far slower: a 1-minute probe reached 160 cents median error with L1 regression, 77
    with semitone classes and 42 with these soft third-of-a-semitone classes."""
    logits = logits.transpose(1, 2)[voiced]                                  # [N, PITCH_BINS]
    if logits.shape[0] == 0:
        return logits.sum()
    target = target[voiced]
    soft = torch.exp(-0.5 * ((bin_pitches(logits.device)[None] - target[:, None]) / TARGET_WIDTH) ** 2)
    soft = soft / soft.sum(1, keepdim=True)
    return -(soft * torch.log_softmax(logits, 1)).sum(1).mean()


class PitchEncoder(nn.Module):
    """PQMF bands [B, bands, n / bands] -> pitch logits [B, PITCH_BINS, n / ratio]: the VAE encoder's shape at about
    a third of its width (causal convolutions, strides 4 * 4 * 8)."""

    def __init__(self, bands, channels=(32, 48, 64, 96), strides=(4, 4, 8)):
        super().__init__()
        layers = [CausalConv(bands, channels[0], 7)]
        for i, s in enumerate(strides):
            layers += [ResBlock(channels[i], 1), nn.LeakyReLU(0.2), CausalConv(channels[i], channels[i + 1], 2 * s, stride=s)]
        layers += [nn.LeakyReLU(0.2), ResBlock(channels[-1], 1), ResBlock(channels[-1], 3), nn.LeakyReLU(0.2),
                   CausalConv(channels[-1], PITCH_BINS, 1)]
        self.net = nn.Sequential(*layers)

    def forward(self, bands):
        return self.net(bands)
