#!/bin/sh
# The whole full-band recipe for the given instruments (default: all six): data, training in two processes
# (one core each, instruments taking turns), export, evaluation. Resumes from checkpoint/ when it exists.
# Exports go to work/export/<instrument>: a decoder ships (models/ddsp/<instrument>) only after evaluate.py
# shows it meets the goals in models/ddsp/README.md.
# Needs Debian packages: python3-torch python3-onnx python3-pil fluidsynth fluid-soundfont-gm.
#   ./run_all.sh [instrument ...]          DDSP_MINUTES=120 ./run_all.sh
set -e
cd "$(dirname "$0")"
INSTRUMENTS=${*:-"violin flute trumpet cello clarinet voice"}
MINUTES=${DDSP_MINUTES:-60}
first="" second=""
n=0
for i in $INSTRUMENTS; do
  if [ $((n % 2)) -eq 0 ]; then first="$first $i"; else second="$second $i"; fi
  n=$((n + 1))
done
./train.sh --instruments $first --minutes "$MINUTES" > "train-1.log" 2>&1 &
if [ -n "$second" ]; then ./train.sh --instruments $second --minutes "$MINUTES" > "train-2.log" 2>&1 & fi
wait
for i in $INSTRUMENTS; do
  /usr/bin/python3 export.py --instrument "$i" --checkpoint "checkpoint/$i/weights.pt" --out "work/export/$i"
done
/usr/bin/python3 evaluate.py $INSTRUMENTS
