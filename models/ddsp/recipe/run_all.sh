#!/bin/sh
# The whole recipe for the given instruments (default: all three): data, training, export, evaluation.
# Needs Debian packages: python3-torch python3-onnx fluidsynth fluid-soundfont-gm. Run from this folder.
set -e
INSTRUMENTS=${*:-"violin flute trumpet"}
MINUTES=${DDSP_MINUTES:-18}
for i in $INSTRUMENTS; do
  /usr/bin/python3 make_data.py --instrument "$i" --train 72 --test 8 --out "work/$i"
done
for i in $INSTRUMENTS; do
  # Instruments train in parallel, one thread each (see train.py --threads).
  /usr/bin/python3 train.py --data "work/$i" --out "work/$i/decoder.pt" --minutes "$MINUTES" > "work/$i/train.log" 2>&1 &
done
wait
for i in $INSTRUMENTS; do
  /usr/bin/python3 export.py --instrument "$i" --checkpoint "work/$i/decoder.pt" --out "../$i"
done
/usr/bin/python3 evaluate.py $INSTRUMENTS
