"""Multi-scale spectral distance (DDSP): L1 between magnitude spectrograms plus L1 between their logs,
summed over FFT sizes 2048..64 with 75% overlap."""
import torch

FFT_SIZES = (2048, 1024, 512, 256, 128, 64)


def multiscale_spectral(target, output, sizes=FFT_SIZES):
    total = 0.0
    for n in sizes:
        window = torch.hann_window(n, device=target.device)
        s = torch.stft(target, n, n // 4, window=window, return_complex=True).abs()
        t = torch.stft(output, n, n // 4, window=window, return_complex=True).abs()
        total = total + (s - t).abs().mean() + (torch.log(s + 1e-7) - torch.log(t + 1e-7)).abs().mean()
    return total
