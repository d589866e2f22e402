"""Stage-2 discriminators (RAVE's adversarial fine-tuning), sized for a CPU: HiFi-GAN's multi-period
discriminator (periods 2, 3, 5, 7, 11) and a multi-scale waveform discriminator (1x, 2x, 4x average-pooled),
with hinge losses and feature matching. Used only in training; nothing here is exported."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class PeriodDisc(nn.Module):
    def __init__(self, period, channels=(16, 32, 64, 64)):
        super().__init__()
        self.period = period
        layers, cin = [], 1
        for c in channels:
            layers.append(nn.utils.weight_norm(nn.Conv2d(cin, c, (5, 1), (3, 1), (2, 0))))
            cin = c
        self.layers = nn.ModuleList(layers)
        self.out = nn.Conv2d(cin, 1, (3, 1), 1, (1, 0))

    def forward(self, x):
        b, c, t = x.shape
        if t % self.period:
            x = F.pad(x, (0, self.period - t % self.period), mode="reflect")
        x = x.reshape(b, c, -1, self.period)
        feats = []
        for layer in self.layers:
            x = F.leaky_relu(layer(x), 0.2)
            feats.append(x)
        return self.out(x), feats


class ScaleDisc(nn.Module):
    def __init__(self, channels=(16, 32, 64, 64)):
        super().__init__()
        wn = nn.utils.weight_norm
        layers = [wn(nn.Conv1d(1, channels[0], 15, 1, 7))]
        cin = channels[0]
        for c in channels[1:]:
            layers.append(wn(nn.Conv1d(cin, c, 41, 4, 20, groups=max(1, cin // 8))))
            cin = c
        layers.append(wn(nn.Conv1d(cin, cin, 5, 1, 2)))
        self.layers = nn.ModuleList(layers)
        self.out = nn.Conv1d(cin, 1, 3, 1, 1)

    def forward(self, x):
        feats = []
        for layer in self.layers:
            x = F.leaky_relu(layer(x), 0.2)
            feats.append(x)
        return self.out(x), feats


class Discriminator(nn.Module):
    def __init__(self, periods=(2, 3, 5, 7, 11), scales=3):
        super().__init__()
        self.period = nn.ModuleList([PeriodDisc(p) for p in periods])
        self.scale = nn.ModuleList([ScaleDisc() for _ in range(scales)])

    def forward(self, x):
        outs = [d(x) for d in self.period]
        for i, d in enumerate(self.scale):
            outs.append(d(F.avg_pool1d(x, 2 ** i, 2 ** i) if i else x))
        return outs


def hinge_d(real_outs, fake_outs):
    return sum(F.relu(1 - r).mean() + F.relu(1 + f).mean() for (r, _), (f, _) in zip(real_outs, fake_outs))


def hinge_g(fake_outs):
    return sum(-f.mean() for f, _ in fake_outs)


def feature_matching(real_outs, fake_outs):
    """L1 between discriminator features of real and generated audio, relative to the real features' scale."""
    total = 0.0
    for (_, rf), (_, ff) in zip(real_outs, fake_outs):
        for r, f in zip(rf, ff):
            total = total + (r.detach() - f).abs().mean() / (r.detach().abs().mean() + 1e-5)
    return total / len(real_outs)
