#!/usr/bin/env bash
# Were the soak's slowest blocks computing, or was their CPU not running them?
#   tools/soak-spikes.sh [MINUTES] [more soak options]
# Runs `neuralsynth soak --block-size 64 --slowest 100` under `perf record` (software cpu-clock at 10 kHz, stamped
# with the monotonic clock the soak prints its block times on), then counts the audio thread's samples inside each
# listed block. A thread that ran for the CPU time its clock charged gets ~10 samples per ms; on a virtual machine
# whose hypervisor took the vCPU away mid-block (a PVM/Firecracker guest reports no steal time, so the thread's CPU
# clock keeps counting) the samples are missing. Needs perf; build the CLI first (dotnet build -c Release).
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}; shift || true
out=${OUT:-artifacts/soak-spikes}
mkdir -p "$out"
cli=src/NeuralSynth.Cli/bin/Release/net10.0/neuralsynth.dll
preload=native/malloc-count/build/libnsmalloccount.so
[[ -f $preload ]] && preload=$PWD/$preload || preload=
# Sampling at 10 kHz costs a VM exit per sample: it slows every block (p50 4 % -> 7 % here), so read the ratio, not
# the loads. Without -g, so the data stays ~100 MB for 10 minutes.
DOTNET_PerfMapEnabled=1 perf record -q -k mono -e cpu-clock -F 10000 -o "$out/perf.data" -- \
  env LD_PRELOAD="$preload" dotnet "$cli" soak --minutes "$minutes" --block-size 64 --slowest 100 "$@" > "$out/soak.log" || true
perf script -i "$out/perf.data" -F comm,tid,time 2>/dev/null | grep 'soak audio' > "$out/audio-samples.txt"
/usr/bin/python3 tools/soak-spikes.py "$out/soak.log" "$out/audio-samples.txt" 10000 | tee "$out/spikes.txt"
