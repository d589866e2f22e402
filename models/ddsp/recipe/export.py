"""Exports a trained decoder to ONNX (opset 17, one frame per call, recurrent state in/out) with its
manifest and a golden input/output file for the C# equivalence test.

    /usr/bin/python3 export.py --instrument violin --checkpoint checkpoint/violin/weights.pt --out ../violin
"""
import argparse
import hashlib
import json
import os
import subprocess

import numpy as np
import torch

from common import FRAME_RATE, HIDDEN, HOP, LOUDNESS_FLOOR_DB, LOUDNESS_WINDOW_S, SAMPLE_RATE
from decoder import Decoder, DecoderStep
from sources import LICENSES

HERE = os.path.dirname(os.path.abspath(__file__))


def inputs():
    return [
        ("f0_hz", [1], "Hz", "fundamental frequency of each voice"),
        ("loudness_db", [1], "dB", "A-weighted loudness (see manifest 'loudness')"),
        ("state_in", [HIDDEN], "", "GRU hidden state from the previous frame (zeros at note start)"),
    ]


def outputs(decoder):
    return [
        ("amplitude", [1], "linear", "overall harmonic amplitude A; harmonic k has amplitude A*c_k"),
        ("harmonic_distribution", [decoder.harmonics], "", "c_k, band-limited at bandMaxHz and summing to 1 (or all 0)"),
        ("noise_magnitudes", [decoder.bands], "linear", f"filter magnitudes of bands b*bandMaxHz/{decoder.bands - 1} Hz, "
         f"b = 0..{decoder.bands - 1}, for uniform white noise in [-1,1) at sampleRate"),
        ("state_out", [HIDDEN], "", "GRU hidden state to pass to the next frame"),
    ]


def export_onnx(decoder, path):
    step = DecoderStep(decoder).eval()
    v = 3
    args = (torch.full((v, 1), 220.0), torch.full((v, 1), -30.0), torch.zeros(v, HIDDEN))
    axes = {name: {0: "voices"} for name, *_ in inputs() + outputs(decoder)}
    torch.onnx.export(step, args, path, opset_version=17, input_names=[n for n, *_ in inputs()],
                      output_names=[n for n, *_ in outputs(decoder)], dynamic_axes=axes, do_constant_folding=True)


def golden(decoder, path):
    """Three voices, 24 frames of sweeping f0 and loudness, run as a whole sequence in PyTorch. The third
    voice climbs from 1.2 to 3.8 kHz, so the band-limit fade crosses its harmonics during the run."""
    t = torch.arange(24, dtype=torch.float32)
    f0 = torch.stack([196.0 * 2 ** (t / 40), 523.0 * (1 + 0.01 * torch.sin(t)), 1200.0 * 2 ** (t / 14.4)])
    ld = torch.stack([-60.0 + 2.0 * t, -20.0 - 0.5 * t, -35.0 + 10.0 * torch.sin(t / 3)])
    with torch.no_grad():
        amplitude, distribution, noise, _ = decoder(f0, ld, torch.zeros(1, 3, HIDDEN))
    data = {"voices": 3, "frames": 24, "f0_hz": f0.tolist(), "loudness_db": ld.tolist(),
            "amplitude": amplitude[..., 0].tolist(), "harmonic_distribution": distribution.tolist(),
            "noise_magnitudes": noise.tolist()}
    with open(path, "w") as f:
        json.dump(data, f, separators=(",", ":"))


# What decides the weights: data, model, synth, loss and training loop (not this file, evaluate.py or checkpoints).
TRAINING_FILES = ["checkpoint.py", "common.py", "decoder.py", "losses.py", "make_data.py", "melodies.py",
                  "midi_writer.py", "sources.py", "synth.py", "train.py", "train.sh"]


def recipe_commit():
    """The last commit that changed the recipe's training code: what the weights were trained with."""
    try:
        return subprocess.run(["git", "log", "-1", "--format=%h", "--", *TRAINING_FILES], cwd=HERE, check=True,
                              capture_output=True, text=True).stdout.strip() or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def manifest(instrument, decoder, checkpoint, checkpoint_sha256, commit):
    melody_sources = checkpoint.get("sources", ["random"])

    def io(items):
        return [{"name": n, "shape": ["voices"] + s, "type": "float32", "unit": u, "meaning": m} for n, s, u, m in items]
    return {
        "format": "neuralsynth-ddsp-decoder",
        "formatVersion": 1,
        "instrument": instrument,
        "model": "decoder.onnx",
        "opset": 17,
        "sampleRate": SAMPLE_RATE,
        "frameRate": FRAME_RATE,
        "hopSamples": HOP,
        "harmonics": decoder.harmonics,
        "noiseBands": decoder.bands,
        "bandMaxHz": decoder.band_max_hz,
        "stateSize": HIDDEN,
        "rateIndependence": "harmonic_distribution is per harmonic number and already band-limited in absolute Hz; "
                            "noise bands are absolute Hz (0..bandMaxHz): a host at another rate resamples the band "
                            "curve onto its own bands and scales it by sqrt(hostRate / sampleRate) so the noise "
                            "power density in Hz stays the same; nothing is produced above bandMaxHz",
        "loudness": {"definition": "10*log10 of the A-weighted (IEC 61672, 0 dB at 1 kHz) mean power of a periodic-Hann "
                                   "window centred on the frame; a full-scale 1 kHz sine reads -3 dB",
                     "windowSeconds": LOUDNESS_WINDOW_S, "floorDb": LOUDNESS_FLOOR_DB},
        "inputs": io(inputs()),
        "outputs": io(outputs(decoder)),
        "training": {"steps": checkpoint["steps"], "minutes": round(checkpoint["minutes"], 1),
                     "recipeCommit": commit, "checkpointSha256": checkpoint_sha256,
                     "melodySources": melody_sources,
                     "data": "expressive melodies (models/ddsp/recipe/melodies.py, sources.py) rendered by FluidSynth "
                             f"with FluidR3_GM.sf2, {SAMPLE_RATE // 1000} kHz mono"},
        "license": "Decoder weights: generated by this recipe; training audio rendered from FluidR3_GM.sf2 "
                   "(Frank Wen, MIT license, Debian package fluid-soundfont-gm); melodies: "
                   + "; ".join(LICENSES[s] for s in melody_sources),
        "source": f"cd models/ddsp/recipe && ./train.sh --instruments {instrument} --minutes N && "
                  f"/usr/bin/python3 export.py --instrument {instrument} --checkpoint checkpoint/{instrument}/weights.pt",
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--instrument", required=True)
    p.add_argument("--checkpoint", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--recipe-commit", help="the commit whose recipe trained the weights (default: git log of this folder)")
    a = p.parse_args()
    with open(a.checkpoint, "rb") as f:
        checkpoint_sha256 = hashlib.sha256(f.read()).hexdigest()
    checkpoint = torch.load(a.checkpoint, map_location="cpu")
    decoder = Decoder(**checkpoint.get("config", {}))
    decoder.load_state_dict(checkpoint["state"])
    decoder.eval()
    os.makedirs(a.out, exist_ok=True)
    export_onnx(decoder, os.path.join(a.out, "decoder.onnx"))
    golden(decoder, os.path.join(a.out, "golden.json"))
    with open(os.path.join(a.out, "manifest.json"), "w") as f:
        json.dump(manifest(a.instrument, decoder, checkpoint, checkpoint_sha256, a.recipe_commit or recipe_commit()), f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
