#!/usr/bin/env bash
# Side-by-side speed of our NAM runtime and NeuralAmpModelerCore (NAM Core), measured in one run.
#
# Builds NAM Core's tools/benchmodel (and tools/bench_a2_fast where the commit has it) from source at a
# pinned commit with -O3 -march=native against Debian's Eigen (libeigen3-dev), then runs theirs and ours
# alternately on the same models, pinned to one core:
#   NAM Core: benchmodel [--no-fast-tanh] MODEL  -> Reset(rate, 64) (pre-warms), then 2 s at 48 kHz of silence
#             in 64-sample buffers, one pass, wall clock (std::chrono::high_resolution_clock).
#   ours:     neuralsynth bench --model MODEL --silence --passes 1 [--fast-tanh] -> the same 2 s of silence in
#             64-sample blocks after Reset, one timed pass, wall clock (Stopwatch); before it, untimed passes
#             for 2 s. Run with DOTNET_TieredCompilation=0 so all code is fully optimized from the start, as
#             in the shipped plug-in (NativeAOT: no JIT, no tiering).
# Each (implementation, tanh mode, model) is run REPEATS times as separate processes, the four variants
# interleaved per repeat; the table gives best and median ms per 2 s of audio.
# Not part of CI.
#
# usage: tools/bench-vs-nam-core.sh [NAM_CORE_SOURCE_DIR]
# environment:
#   NAM_CORE_GIT     git dir (e.g. a bare mirror) to take the pinned commit from, instead of cloning
#   NAM_CORE_COMMIT  commit to build (default: the one our nam-a2 goldens come from)
#   REPEATS          processes per variant and model (default 7)
#   BENCH_CPU        core to pin to with taskset (default: the last one)
#   BUILD_DIR        where NAM Core is unpacked and built (default: ~/.cache/neuralsynth/nam-core-<commit>)
#   NEURALSYNTH      command that runs our CLI (default: dotnet build -c Release, then dotnet neuralsynth.dll)
#   MODELS           space-separated .nam paths to bench instead of the default set
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
commit=${NAM_CORE_COMMIT:-daae2d0b482a5fe876258caf3fdfe177044b6295}
repeats=${REPEATS:-7}
cpu=${BENCH_CPU:-$(( $(nproc) - 1 ))}
build=${BUILD_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/neuralsynth/nam-core-${commit:0:12}}
eigen=/usr/include/eigen3
log() { echo "[bench-vs-nam-core] $*" >&2; }

[[ -f $eigen/Eigen/Core ]] || { log "Eigen not found at $eigen (apt-get install libeigen3-dev)"; exit 1; }
command -v g++ >/dev/null || { log "g++ not found"; exit 1; }
pin=()
command -v taskset >/dev/null && pin=(taskset -c "$cpu")

# ---- NAM Core source at the pinned commit ----
src=$build/src
mkdir -p "$build"
if [[ $# -ge 1 ]]; then
    src=$(cd "$1" && pwd)
    if git -C "$src" rev-parse HEAD >/dev/null 2>&1; then
        head=$(git -C "$src" rev-parse HEAD)
        [[ $head == "$commit" ]] || log "warning: $src is at $head, not the pinned $commit"
    else
        log "warning: $src is not a git checkout; cannot confirm it is commit $commit"
    fi
elif [[ ! -f $src/NAM/dsp.h ]]; then
    rm -rf "$src.tmp" && mkdir -p "$src.tmp"
    if [[ -n ${NAM_CORE_GIT:-} ]]; then
        log "unpacking $commit from $NAM_CORE_GIT"
        git --git-dir="$NAM_CORE_GIT" archive "$commit" | tar -x -C "$src.tmp"
    else
        log "cloning NeuralAmpModelerCore and checking out $commit"
        git clone -q https://github.com/sdatkinson/NeuralAmpModelerCore.git "$src.tmp"
        git -C "$src.tmp" checkout -q "$commit"
    fi
    mv "$src.tmp" "$src"
fi

# ---- build benchmodel (and bench_a2_fast) once per commit ----
flags=(-std=c++20 -O3 -march=native -DNDEBUG -DNAM_ENABLE_A2_FAST -w -I"$src" -I"$eigen" -I"$src/Dependencies/nlohmann")
bin=$build/bin
mkdir -p "$bin" "$build/obj"
if [[ ! -x $bin/benchmodel ]]; then
    log "compiling NAM Core ($(g++ -dumpfullversion) ${flags[*]:0:4}, Eigen $(grep -oP '#define EIGEN_(WORLD|MAJOR|MINOR)_VERSION \K\d+' $eigen/Eigen/src/Core/util/Macros.h | paste -sd.))"
    for f in "$src"/NAM/*.cpp "$src"/NAM/*/*.cpp; do
        o=$build/obj/$(echo "${f#"$src"/}" | tr / _).o
        [[ -f $o ]] && continue
        g++ "${flags[@]}" -c "$f" -o "$o" &
        while (( $(jobs -rp | wc -l) >= $(nproc) )); do wait -n; done
    done
    wait
    objs=("$build"/obj/*.o)
    g++ "${flags[@]}" "$src/tools/benchmodel.cpp" "${objs[@]}" -o "$bin/benchmodel"
    if [[ -f $src/tools/bench_a2_fast.cpp ]]; then
        g++ "${flags[@]}" "$src/tools/bench_a2_fast.cpp" "${objs[@]}" -o "$bin/bench_a2_fast" || log "bench_a2_fast did not build"
    fi
fi
grep -q 'no-fast-tanh' "$src/tools/benchmodel.cpp" || { log "this benchmodel has no --no-fast-tanh switch"; exit 1; }

# ---- ours ----
if [[ -n ${NEURALSYNTH:-} ]]; then
    read -r -a ours <<<"$NEURALSYNTH"
else
    log "building neuralsynth (Release)"
    dotnet build "$repo/src/NeuralSynth.Cli" -c Release -v q -nologo >/dev/null
    dll=$(ls "$repo"/src/NeuralSynth.Cli/bin/Release/net*/neuralsynth.dll | head -1)
    ours=(dotnet "$dll")
fi

# ---- models ----
if [[ -n ${MODELS:-} ]]; then
    read -r -a models <<<"$MODELS"
else
    python3 "$repo/tools/make-lstm-nam.py" "$build/lstm_h24.nam" --hidden 24 --seed 24
    models=("$repo/models/nam/lstm.nam" "$build/lstm_h24.nam" "$repo/models/nam/wavenet_a1_standard.nam"
            "$repo/models/nam/deluxe.nam" "$repo/models/nam/dumble.nam")
    a2=/work/shared/models/nam-a2/A2.nam
    [[ -f $a2 ]] || a2=$src/example_models/A2.nam
    [[ -f $a2 ]] && models+=("$a2")
fi

theirs_ms() { "${pin[@]}" "$bin/benchmodel" "$@" | grep -oP '^[0-9.]+(?=ms$)' | tail -1; }
# DOTNET_TieredCompilation=0: every method is compiled once, fully optimized, as NativeAOT (the shipped
# plug-in) does; with tiering, a short run can time tier-0 code or the JIT's background compiles.
ours_ms() { DOTNET_TieredCompilation=0 "${pin[@]}" "${ours[@]}" bench --model "$@" --silence --passes 1 2>/dev/null | grep -oP 'best \K[0-9.]+(?= ms)' | head -1; }

results=$build/results.txt
: >"$results"
declare -A ours_ok
for m in "${models[@]}"; do
    if [[ -n $(ours_ms "$m" --seconds 0.05) ]]; then ours_ok[$m]=1; else ours_ok[$m]=0; log "our runtime cannot read $(basename "$m"): ours skipped for it"; fi
done
log "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), pinned to core $cpu; $repeats repeats"
for ((r = 1; r <= repeats; r++)); do
    log "repeat $r/$repeats"
    for m in "${models[@]}"; do
        name=$(basename "$m")
        # Alternate which side goes first so neither always runs right after the other.
        order=(theirs ours); (( r % 2 == 0 )) && order=(ours theirs)
        for side in "${order[@]}"; do
            if [[ $side == theirs ]]; then
                echo "$name nam-core exact $(theirs_ms --no-fast-tanh "$m")" >>"$results"
                echo "$name nam-core fast $(theirs_ms "$m")" >>"$results"
            elif [[ ${ours_ok[$m]} == 1 ]]; then
                echo "$name ours exact $(ours_ms "$m")" >>"$results"
                echo "$name ours fast $(ours_ms "$m" --fast-tanh)" >>"$results"
            fi
        done
    done
done

echo
echo "NeuralAmpModelerCore $commit (g++ -O3 -march=native, Debian Eigen) vs neuralsynth $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet || echo '+dirty')"
echo "ms per 2 s of audio at 48 kHz, 64-sample buffers, silence in, one core (taskset -c $cpu), wall clock; best / median of $repeats processes each"
python3 - "$results" <<'EOF'
import sys, statistics
from collections import defaultdict
runs = defaultdict(list)
order = []
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) != 4: continue
    name, side, mode, ms = parts
    if name not in order: order.append(name)
    runs[(name, side, mode)].append(float(ms))
def cell(v): return f"{min(v):7.2f} / {statistics.median(v):7.2f}" if v else f"{'n/a':>17}"
def ratio(a, b): return f"{statistics.median(a) / statistics.median(b):6.2f}x" if a and b else f"{'n/a':>7}"
print(f"{'model':<26} {'NAM Core exact':>17} {'NAM Core fast':>17} {'ours exact':>17} {'ours fast':>17}  {'exact/exact':>11} {'fast/fast':>9} {'NAMfast/ours exact':>18}")
for n in order:
    ne, nf = runs[(n, 'nam-core', 'exact')], runs[(n, 'nam-core', 'fast')]
    oe, of = runs[(n, 'ours', 'exact')], runs[(n, 'ours', 'fast')]
    print(f"{n:<26} {cell(ne)} {cell(nf)} {cell(oe)} {cell(of)}  {ratio(ne, oe):>11} {ratio(nf, of):>9} {ratio(nf, oe):>18}")
print("ratios: NAM Core median / ours median (above 1: ours is faster)")
EOF

if [[ -x $bin/bench_a2_fast && -n ${a2:-} && -f ${a2:-} ]]; then
    echo
    echo "NAM Core's own bench_a2_fast on $(basename "$a2") (their A2 fast path vs their generic WaveNet, median of 10):"
    "${pin[@]}" "$bin/bench_a2_fast" "$a2" 2>&1 | tail -n 8
fi
