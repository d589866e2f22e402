"""RAVE-style post-training analysis of the latent space: a PCA of the encoder's latents over the training audio.
The export folds it into the graphs (encoder: z' = A (z - mean); decoder: z = B z' + mean, B = A^-1), so the
latents the host sees are decorrelated and ordered by variance, and scaled so the first has unit variance: a bias
of 1 on dimension 0 is one standard deviation along the direction the data varies most, whatever scale training
left the latents at. A = U^T / s is a rotation times one scalar (not a per-dimension whitening): dividing the
near-empty dimensions by their tiny deviations would amplify float rounding into them.
A pitch dimension (pitch.py) comes after the VAE's and passes through unchanged: it already has a meaning (octaves
from middle C) that a rotation would mix away."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def encode_all(model, pqmf, audio, ratio):
    with torch.no_grad():
        x = torch.from_numpy(audio[:(len(audio) // ratio) * ratio]).reshape(1, 1, -1)
        mean, _ = model.encoder(pqmf.analysis(x)[0])
    return mean[0].T.double().numpy()  # [frames, latent]


def fit(model, pqmf, audio, ratio):
    z = encode_all(model, pqmf, audio, ratio)
    mu = z.mean(0)
    eigval, eigvec = np.linalg.eigh(np.cov(z - mu, rowvar=False))
    order = np.argsort(eigval)[::-1]
    eigval, eigvec = np.maximum(eigval[order], 1e-12), eigvec[:, order]
    eigvec *= np.sign(eigvec[np.abs(eigvec).argmax(0), range(eigvec.shape[1])])  # deterministic signs
    scale = np.sqrt(eigval[0])
    whiten = eigvec.T / scale
    unwhiten = eigvec * scale
    std = (np.sqrt(eigval) / scale).tolist()
    if model.pitch is not None:
        with torch.no_grad():
            x = torch.from_numpy(audio[:(len(audio) // ratio) * ratio]).reshape(1, 1, -1)
            std.append(float(model.latents(pqmf.analysis(x)[0])[0, -1].std()))
    return {"mean": torch.tensor(mu, dtype=torch.float32), "whiten": torch.tensor(whiten, dtype=torch.float32),
            "unwhiten": torch.tensor(unwhiten, dtype=torch.float32),
            "explained": (eigval / eigval.sum()).tolist(), "std": std}


class Whitening(nn.Module):
    def __init__(self, pca):
        super().__init__()
        self.register_buffer("mean", pca["mean"])
        self.register_buffer("whiten", pca["whiten"])
        self.register_buffer("unwhiten", pca["unwhiten"])

    def forward(self, z):
        d = self.mean.shape[0]
        return torch.cat([F.conv1d(z[:, :d] - self.mean[None, :, None], self.whiten[:, :, None]), z[:, d:]], 1)

    def inverse(self, z):
        d = self.mean.shape[0]
        return torch.cat([F.conv1d(z[:, :d], self.unwhiten[:, :, None]) + self.mean[None, :, None], z[:, d:]], 1)
