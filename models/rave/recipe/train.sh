#!/usr/bin/env bash
# One command for the RAVE recipe: renders the data if missing, then trains (stage 1 VAE, then stage 2
# adversarial fine-tuning) for N minutes, resuming from checkpoint/last.pt when it exists.
#   models/rave/recipe/train.sh --minutes 60 [--device cuda] [any other train.py option]
# Loss curves: checkpoint/log.csv. Commit checkpoint/ to hand the run to the next session.
set -euo pipefail
cd "$(dirname "$0")"
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
# glibc hands tensors of a few MB straight to mmap and back, so every step page-faults its buffers in again:
# keeping them in the heap made a stage-2 step with the harmonic branch 2-10x faster (measured on our 2-core VMs).
export MALLOC_MMAP_THRESHOLD_=${MALLOC_MMAP_THRESHOLD_:-33554432} MALLOC_TRIM_THRESHOLD_=${MALLOC_TRIM_THRESHOLD_:-1073741824}
export MALLOC_TOP_PAD_=${MALLOC_TOP_PAD_:-268435456}
PY=${PYTHON:-/usr/bin/python3}
if [[ ! -f work/data/train.npy || ! -f work/data/valid.npy ]]; then
  echo "rendering training data (FluidSynth, FluidR3_GM) into work/data"
  $PY render_data.py --out work/data
fi
exec nice -n 10 $PY -u train.py "$@"
