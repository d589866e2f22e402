#!/usr/bin/env bash
# Decode real-time factor of the shipped RAVE model: C# (ONNX Runtime, one thread, through RaveBenchmark.Run)
# beside PyTorch (eager, one thread, bench_torch.py), same model, chunk size and test signal, one run.
# Usage: models/rave/recipe/bench.sh [model-dir] [seconds]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
model="$(cd "${1:-$root/models/rave/fluid-small}" && pwd)"
seconds="${2:-20}"
result="$(mktemp)"
trap 'rm -f "$result"' EXIT

RAVE_BENCH_SECONDS="$seconds" RAVE_BENCH_OUT="$result" RAVE_BENCH_MODEL="$model" \
  dotnet test "$root/tests/NeuralSynth.Rave.Tests/NeuralSynth.Rave.Tests.csproj" -c Release \
  --filter "FullyQualifiedName~BenchmarkTests" --nologo -v q > /dev/null
csharp="$(cat "$result")"
torch="$(cd "$here" && /usr/bin/python3 bench_torch.py --model "$model" --seconds "$seconds" 2>/dev/null | tail -n 1)"

/usr/bin/python3 - "$csharp" "$torch" <<'PY'
import json, sys
cs, pt = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"model {cs['Model']}, chunk {cs['ChunkSize']} samples, {cs['AudioSeconds']:.1f} s of 48 kHz audio, one thread each")
print(f"  C# / ONNX Runtime : decode RTF {cs['DecodeRealTimeFactor']:.4f}  ({1 / cs['DecodeRealTimeFactor']:.1f}x real time)")
print(f"  PyTorch eager     : decode RTF {pt['DecodeRealTimeFactor']:.4f}  ({1 / pt['DecodeRealTimeFactor']:.1f}x real time)")
print(f"  ratio PyTorch / C#: {pt['DecodeRealTimeFactor'] / cs['DecodeRealTimeFactor']:.2f}")
PY
