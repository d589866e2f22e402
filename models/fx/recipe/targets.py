"""Targets come from the C# reference DSP (src/NeuralSynth.Neural/Reference) run through render_targets.cs,
so the effect is defined once and the model is trained on exactly what the tests compare against."""
import os
import subprocess

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def render(effect, segments, knobs, workdir):
    """segments: [N, L] float32 audio, knobs: [N, K] in 0..1 -> [N, L] rendered with a reset effect each."""
    n, length = segments.shape
    src, kn, dst = (os.path.join(workdir, f"{effect}.{s}.f32") for s in ("in", "knobs", "out"))
    np.ascontiguousarray(segments, dtype="<f4").tofile(src)
    np.ascontiguousarray(knobs, dtype="<f4").tofile(kn)
    subprocess.run(["dotnet", "run", "--file", os.path.join(HERE, "render_targets.cs"), "--",
                    effect, str(length), src, kn, dst], check=True, cwd=HERE)
    return np.fromfile(dst, dtype="<f4").reshape(n, length)
