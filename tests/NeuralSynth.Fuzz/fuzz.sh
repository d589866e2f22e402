#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser with AFL++ and SharpFuzz.
#   tests/NeuralSynth.Fuzz/fuzz.sh [seconds-per-target] [target...]
# Installs afl++ (Debian) and the sharpfuzz dotnet tool if missing, instruments the parser assemblies
# (ours and NAudio's), runs each target for the given time, prints executions and findings per target,
# and copies any crashing input to tests/corpus/findings/<target>/ so it becomes a regression test.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(midi wav preset nam sequence-json ddsp-manifest effect-manifest generator-manifest)

if ! command -v afl-fuzz >/dev/null; then
  apt-get update -qq && apt-get install -y -qq afl++ >/dev/null
fi
dotnet tool restore >/dev/null

out=artifacts/fuzz
rm -rf "$out/bin"
dotnet publish tests/NeuralSynth.Fuzz/NeuralSynth.Fuzz.csproj -c Release -o "$out/bin" -v q >/dev/null
for assembly in NeuralSynth.Engine.dll NeuralSynth.Neural.dll NeuralSynth.Ddsp.dll NeuralSynth.Generation.dll NAudio.Core.dll NAudio.Midi.dll; do
  dotnet sharpfuzz "$out/bin/$assembly" >/dev/null
done

export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1
printf '%-14s %12s %10s %8s\n' target executions exec/s crashes
for target in "${targets[@]}"; do
  seeds=tests/corpus/seeds/$target
  rm -rf "$out/$target"
  timeout $((seconds + 60)) afl-fuzz -i "$seeds" -o "$out/$target" -t 10000 -m none -V "$seconds" \
    -- dotnet "$out/bin/NeuralSynth.Fuzz.dll" "$target" >"$out/$target.log" 2>&1 || true
  stats="$out/$target/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then echo "$target: afl-fuzz did not start (see $out/$target.log)"; continue; fi
  execs=$(awk -F': *' '/^execs_done/ {print $2}' "$stats")
  rate=$(awk -F': *' '/^execs_per_sec/ {print $2}' "$stats")
  crashes=$(awk -F': *' '/^saved_crashes|^unique_crashes/ {print $2; exit}' "$stats")
  printf '%-14s %12s %10s %8s\n' "$target" "$execs" "$rate" "$crashes"
  if compgen -G "$out/$target/default/crashes/id:*" >/dev/null; then
    mkdir -p "tests/corpus/findings/$target"
    for crash in "$out/$target"/default/crashes/id:*; do
      cp "$crash" "tests/corpus/findings/$target/afl-$(basename "$crash" | tr ':,' '__' | cut -c1-40)"
    done
  fi
done
