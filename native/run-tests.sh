#!/usr/bin/env bash
# Builds native/ (incrementally) and proves the VST3 test host against ProofSynth; then, if given a
# second bundle (e.g. artifacts/NeuralSynth.vst3) that exists, runs the same selftest on it.
#
#   native/run-tests.sh [path/to/Other.vst3]
#
# Environment: JOBS (default 2), NS_SELFTEST_ARGS (extra selftest options for the other bundle, e.g.
# "--strict-automation"), NS_REQUIRE_BUNDLE=1 (fail instead of skipping when the bundle is missing).
set -euo pipefail

other=""
if [ $# -ge 1 ] && [ -n "$1" ]; then
  other="$(cd "$(dirname "$1")" 2>/dev/null && pwd)/$(basename "$1")" || other="$1"
fi
cd "$(dirname "$0")"
JOBS="${JOBS:-2}"

if [ ! -f build/CMakeCache.txt ]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
fi
start=$(date +%s)
cmake --build build -j"$JOBS"
echo "native: build up to date ($(( $(date +%s) - start )) s)"

HOST=build/neuralsynth-vst3-host
PROOF="$(cat build/proofsynth-bundle-path.txt)"
mkdir -p build/test-data
"$HOST" make-test-midi build/test-data/test.mid
"$HOST" make-test-wav build/test-data/test.wav --sample-rate 48000 --seconds 1

echo "==== selftest: ProofSynth ($PROOF)"
"$HOST" selftest "$PROOF" --work-dir build/selftest-proofsynth --midi build/test-data/test.mid

if [ -n "$other" ]; then
  if [ -e "$other" ]; then
    echo "==== selftest: $other"
    # shellcheck disable=SC2086
    "$HOST" selftest "$other" --work-dir build/selftest-other --midi build/test-data/test.mid ${NS_SELFTEST_ARGS:-}
  elif [ "${NS_REQUIRE_BUNDLE:-0}" = "1" ]; then
    echo "error: $other does not exist" >&2
    exit 1
  else
    echo "==== skipping $other (not built yet)"
  fi
fi
