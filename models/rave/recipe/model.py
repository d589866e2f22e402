"""A small RAVE-style variational autoencoder built only from causal convolutions, so it streams exactly.

Every convolution with left context is a CausalConv: in training it pads with zeros; in streaming it
concatenates an explicit cache (the previous `pad` input frames) instead, and exposes the new cache. The
export wraps encoder/decoder so each cache is a named graph input and output (see export.py).
Upsampling is a causal convolution followed by a pixel shuffle (channels -> time), which needs no state,
unlike a transposed convolution.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class CausalConv(nn.Module):
    def __init__(self, cin, cout, kernel, stride=1, dilation=1):
        super().__init__()
        self.conv = nn.Conv1d(cin, cout, kernel, stride=stride, dilation=dilation)
        # Output t sees input up to t*stride + stride - 1 (the end of its own window), never later.
        self.pad = (kernel - 1) * dilation - (stride - 1)
        assert self.pad >= 0
        self.cache_in = None   # set by the streaming wrapper, [B, cin, pad]
        self.cache_out = None

    def state_shape(self):
        """Shape of the streaming cache (None: a 1-frame convolution needs none)."""
        return [1, self.conv.in_channels, self.pad] if self.pad > 0 else None

    def forward(self, x):
        if self.pad == 0:
            return self.conv(x)
        padded = F.pad(x, (self.pad, 0)) if self.cache_in is None else torch.cat([self.cache_in, x], -1)
        self.cache_out = padded[..., -self.pad:]
        return self.conv(padded)


class ResBlock(nn.Module):
    def __init__(self, channels, dilation):
        super().__init__()
        self.a = CausalConv(channels, channels, 3, dilation=dilation)
        self.b = CausalConv(channels, channels, 1)

    def forward(self, x):
        return x + self.b(F.leaky_relu(self.a(F.leaky_relu(x, 0.2)), 0.2))


def pixel_shuffle(x, factor):
    """[B, C*f, T] -> [B, C, T*f]; channel j*f+i becomes sample t*f+i of channel j."""
    b, cf, t = x.shape
    return x.reshape(b, cf // factor, factor, -1).permute(0, 1, 3, 2).reshape(b, cf // factor, -1)


class Encoder(nn.Module):
    def __init__(self, bands, latent, channels, strides):
        super().__init__()
        layers = [CausalConv(bands, channels[0], 7)]
        for i, s in enumerate(strides):
            layers += [ResBlock(channels[i], 1), ResBlock(channels[i], 3), nn.LeakyReLU(0.2),
                       CausalConv(channels[i], channels[i + 1], 2 * s, stride=s)]
        layers += [nn.LeakyReLU(0.2), CausalConv(channels[-1], 2 * latent, 3)]
        self.net = nn.Sequential(*layers)
        self.latent = latent

    def forward(self, bands):
        mean, scale = self.net(bands).split(self.latent, 1)
        return mean, scale


def mod_sigmoid(x):
    """RAVE's amplitude nonlinearity: 2 sigmoid(x)^2.3, a smooth gain in (0, 2)."""
    return 2 * torch.sigmoid(x) ** 2.3 + 1e-7


class Decoder(nn.Module):
    """With `amplitude`, the last convolution also predicts one gain per band (RAVE v1's loudness branch):
    bands = tanh(waveform) * mod_sigmoid(gain). The gain path lets loudness follow z directly, without first
    having to learn waveforms at every level. With `harmonics` > 0 a harmonic branch (harmonic.py) reads a pitch
    from the first hidden layer and adds an oscillator bank's band signals to the waveform branch's."""

    def __init__(self, bands, latent, channels, strides, amplitude=False, harmonics=0, pqmf_cutoff=None):
        super().__init__()
        # With a harmonic branch z has one more dimension, the pitch (pitch.py), read by both branches.
        layers = [CausalConv(latent + (1 if harmonics else 0), channels[0], 3)]
        for i, s in enumerate(strides):
            layers += [nn.LeakyReLU(0.2), CausalConv(channels[i], channels[i + 1] * s, 3), Shuffle(s),
                       ResBlock(channels[i + 1], 1), ResBlock(channels[i + 1], 3), ResBlock(channels[i + 1], 9)]
        layers += [nn.LeakyReLU(0.2), CausalConv(channels[-1], 2 * bands if amplitude else bands, 7)]
        self.net = nn.Sequential(*layers)
        self.amplitude, self.bands = amplitude, bands
        # Training switch (train.py --harmonic-only-until): 0 silences the waveform branch so the harmonic branch
        # learns its amplitudes first. Beside an already-trained waveform branch it never did: its amplitudes got
        # gradient only in proportion to its (small) level, and the spectral loss pushed that level to zero.
        self.waveform_gain = 1.0
        self.harmonic = None
        if harmonics:
            from harmonic import HarmonicBranch
            from pqmf import PQMF
            ratio = bands
            for s in strides:
                ratio *= s
            self.harmonic = HarmonicBranch(channels[0], harmonics, ratio, PQMF(bands=bands, cutoff=pqmf_cutoff))

    def forward(self, z):
        h = self.net[0](z)
        y = self.net[1:](h)
        if self.amplitude:
            wave, gain = y.split(self.bands, 1)
            y = torch.tanh(wave) * mod_sigmoid(gain)
        if self.waveform_gain != 1.0:
            y = y * self.waveform_gain
        if self.harmonic is not None:
            from pitch import from_latent
            y = y + self.harmonic(from_latent(z[:, -1:]), h)
        return y


class Shuffle(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return pixel_shuffle(x, self.factor)


class Rave(nn.Module):
    # The first recipe's configuration (fluid-small until issue 14); train.py passes its own, stored in checkpoints.
    CONFIG = dict(bands=16, latent=16, enc_channels=[24, 48, 96, 128], enc_strides=[4, 4, 8],
                  dec_channels=[128, 96, 48, 24], dec_strides=[8, 4, 4], amplitude=False)

    def __init__(self, **overrides):
        super().__init__()
        c = dict(self.CONFIG, **overrides)
        self.config = c
        self.encoder = Encoder(c["bands"], c["latent"], c["enc_channels"], c["enc_strides"])
        self.decoder = Decoder(c["bands"], c["latent"], c["dec_channels"], c["dec_strides"], c["amplitude"],
                               c.get("harmonics", 0), c.get("pqmf_cutoff"))
        self.pitch = None
        if c.get("harmonics", 0):
            from pitch import PitchEncoder
            self.pitch = PitchEncoder(c["bands"])

    @property
    def band_ratio(self):
        r = 1
        for s in self.config["enc_strides"]:
            r *= s
        return r

    def encode(self, bands, sample=False):
        """-> z (the VAE's latents, sampled or the mean; plus the pitch dimension when there is a harmonic branch)
        and the KL of the VAE's latents."""
        mean, scale = self.encoder(bands)
        std = F.softplus(scale) + 1e-4
        z = mean + std * torch.randn_like(mean) if sample else mean
        kl = (mean ** 2 + std ** 2 - torch.log(std ** 2) - 1).mean() * 0.5
        return self.with_pitch(z, bands), kl

    def latents(self, bands):
        """What the encoder graph computes before the PCA: the posterior mean (+ the pitch dimension)."""
        return self.with_pitch(self.encoder(bands)[0], bands)

    def with_pitch(self, z, bands):
        if self.pitch is None:
            return z
        from pitch import class_pitch, to_latent
        return torch.cat([z, to_latent(class_pitch(self.pitch(bands).detach()))], 1)

    def encoding(self):
        """The modules the encoder graph runs, in cache order."""
        return nn.ModuleList([self.encoder] + ([self.pitch] if self.pitch is not None else []))

    def decode(self, z):
        return self.decoder(z)


def init_weights(model, scale_bias=-3.0, decoder_residual_gain=0.3):
    """He (Kaiming) initialisation for the leaky-ReLU convolutions, zero biases.

    PyTorch's default Conv1d initialisation (kaiming_uniform with a = sqrt(5): a gain of about 1/sqrt(3) per
    layer) shrinks the signal through the encoder's 13 layers: for PQMF bands of std 0.03 the latents vary over
    time by ~1e-3 while their bias offsets are ~0.03 (measured; see README "Why fluid-small is a drone"). The
    decoder then sees a constant z, learns the average spectrum, and the encoder gets no gradient to escape
    (with a VAE's sampling noise of std 0.69 on top, the posterior collapses). With He init the latents vary by
    ~0.2 at initialisation and correlate with loudness (|r| 0.7) before any training.
    The posterior's scale channels start at softplus(-3) = 0.05 so the sampling noise does not drown z at first;
    the decoder's residual branches start at 0.3x so its initial output has the input's level instead of
    saturating."""
    keep = {model.decoder.net[-1].conv}  # the decoder's output keeps PyTorch's default (smaller) initialisation
    for part in (model.encoder, model.decoder) + ((model.pitch,) if model.pitch is not None else ()):
        for conv in part.modules():
            if isinstance(conv, nn.Conv1d) and conv not in keep and conv.weight.requires_grad:  # not the fixed PQMF
                nn.init.kaiming_normal_(conv.weight, a=0.2, nonlinearity="leaky_relu")
                nn.init.zeros_(conv.bias)
    for block in model.decoder.modules():
        if isinstance(block, ResBlock):
            block.b.conv.weight.data.mul_(decoder_residual_gain)
    last = model.encoder.net[-1].conv
    nn.init.constant_(last.bias[model.encoder.latent:], scale_bias)


class Prior(nn.Module):
    """GRU over latent frames: from z[t-1] predicts a diagonal Gaussian over z[t]."""

    def __init__(self, latent=16, hidden=96):
        super().__init__()
        self.gru = nn.GRU(latent, hidden, batch_first=True)
        self.out = nn.Linear(hidden, 2 * latent)
        self.latent, self.hidden = latent, hidden

    def forward(self, z_prev, h=None):
        """z_prev [B, T, latent] -> mean, logstd [B, T, latent], h [1, B, hidden]."""
        y, h = self.gru(z_prev, h)
        mean, logstd = self.out(y).split(self.latent, -1)
        return mean, logstd.clamp(-7, 2), h


def caches(module):
    """The modules that carry streaming state (causal convolutions with left context, harmonic.py's ramps and
    phase), in a fixed (definition) order. Each has cache_in / cache_out and state_shape()."""
    return [m for m in module.modules() if hasattr(m, "state_shape") and m.state_shape() is not None]
