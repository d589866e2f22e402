"""Times the shipped model's decode stage (decoder with carried caches + PQMF synthesis) in eager PyTorch on
one CPU thread, chunk by chunk exactly as the C# engine streams it. Prints one JSON line; the real-time factor
is compute time / audio time (below 1 is faster than real time). Same test signal as RaveBenchmark.cs."""
import argparse
import json
import math
import os
import time

import numpy as np
import torch

import latent_pca
from export import Streaming, cache_shapes, graph_functions
from model import Rave, caches
from pqmf import PQMF


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="../fluid-small")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--chunk", type=int, default=0, help="0 = the manifest's first chunk size")
    args = parser.parse_args()
    torch.set_num_threads(1)
    with open(os.path.join(args.model, "manifest.json")) as f:
        manifest = json.load(f)
    ckpt = torch.load(os.path.join(args.model, "rave.pt"))
    model = Rave(**ckpt["config"]).eval()
    model.load_state_dict(ckpt["state"])
    pqmf = PQMF(bands=model.config["bands"], cutoff=ckpt["pqmf_cutoff"])
    rate = manifest["sample_rate"]
    chunk = args.chunk or manifest["chunk_sizes"][0]
    chunks = max(1, math.ceil(args.seconds * rate / chunk))

    enc_fn, dec_fn = graph_functions(model, latent_pca.Whitening(ckpt["pca"]))
    encoder = Streaming(model.encoding(), enc_fn)
    decoder = Streaming(model.decoder, dec_fn)
    with torch.no_grad():
        se = [torch.zeros(s) for s in cache_shapes(caches(model.encoding()))]
        sa, phase, latents = None, 0.0, []
        for k in range(chunks):
            freq = 220 + 110 * math.sin(k * 0.1)
            steps = phase + np.cumsum(np.full(chunk, 2 * math.pi * freq / rate))
            phase = float(steps[-1])
            x = torch.from_numpy((0.3 * np.sin(steps)).astype(np.float32)).reshape(1, 1, -1)
            bands, sa = pqmf.analysis(x, sa)
            z, *se = encoder(bands, *se)
            latents.append(z)

        def run(zs):
            sd = [torch.zeros(s) for s in cache_shapes(caches(model.decoder))]
            sb = None
            for z in zs:
                y, *sd = decoder(z, *sd)
                _, sb = pqmf.synthesis(y, sb)

        run(latents[:1])  # warm-up
        start = time.perf_counter()
        run(latents)
        elapsed = time.perf_counter() - start
    audio = chunks * chunk / rate
    print(json.dumps({"Model": manifest["name"], "ChunkSize": chunk, "AudioSeconds": audio,
                      "DecodeRealTimeFactor": elapsed / audio, "Runtime": f"PyTorch {torch.__version__} eager, 1 thread"}))


if __name__ == "__main__":
    main()
