"""Multi-scale spectral distance: the training loss and the reported reconstruction metric."""
import torch

SCALES = (2048, 1024, 512, 256, 128)


def stft_mag(x, n):
    window = torch.hann_window(n, device=x.device)
    return torch.stft(x.reshape(-1, x.shape[-1]), n, n // 4, window=window, center=True,
                      return_complex=True).abs()


def multiscale_spectral_distance(y, x, eps=1e-5):
    """Sum over scales of spectral convergence ||S_y - S_x|| / ||S_x|| plus mean |log S_y - log S_x|."""
    total = 0.0
    for n in SCALES:
        sy, sx = stft_mag(y, n), stft_mag(x, n)
        total = total + (sy - sx).norm() / sx.norm().clamp_min(1e-8)
        total = total + (torch.log(sy + eps) - torch.log(sx + eps)).abs().mean()
    return total
