#!/usr/bin/env bash
# One command for the full-band DDSP recipe: renders each instrument's data if missing (48 kHz FluidSynth +
# FluidR3_GM), then trains for N minutes, resuming from checkpoint/<instrument>/ when it exists.
#   models/ddsp/recipe/train.sh --instruments violin cello clarinet --minutes 60 [any other train.py option]
# The instruments of one call take turns in one process (one thread); start a second call for the others to
# use a second core. Loss curves: checkpoint/<instrument>/log.csv. Commit checkpoint/*/weights.pt and log.csv
# to hand the run to the next session. Stop with `kill <pid>`: it saves before it exits.
set -euo pipefail
cd "$(dirname "$0")"
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
# Keep freed tensor memory in the heap instead of returning it to the OS: each step allocates and frees the same
# few-MB tensors, and fresh pages fault on every use (measured 0.91 -> 0.67 s of CPU per step).
export MALLOC_MMAP_THRESHOLD_=${MALLOC_MMAP_THRESHOLD_:-33554432} MALLOC_TRIM_THRESHOLD_=${MALLOC_TRIM_THRESHOLD_:-1073741824}
PY=${PYTHON:-/usr/bin/python3}
instruments=()
for ((i = 1; i <= $#; i++)); do
  if [[ ${!i} == --instruments ]]; then
    for ((j = i + 1; j <= $#; j++)); do [[ ${!j} == --* ]] && break; instruments+=("${!j}"); done
  fi
done
for name in "${instruments[@]}"; do
  if ! compgen -G "work/$name/test_*.npz" > /dev/null; then
    echo "rendering $name training data (FluidSynth, FluidR3_GM) into work/$name"
    nice -n 10 $PY make_data.py --instrument "$name" --train "${DDSP_TRAIN_MELODIES:-40}" --test 8 --out "work/$name"
  fi
done
exec nice -n 10 $PY -u train.py "$@"
