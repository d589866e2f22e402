#!/usr/bin/env python3
"""Attribute the soak's slowest blocks: CPU time the thread's clock charged vs time perf saw it running.

usage: soak-spikes.py SOAK_LOG AUDIO_SAMPLES SAMPLE_HZ
SOAK_LOG: the soak's report (its "slowest blocks (CPU)" line, "blocks of N", "N Hz").
AUDIO_SAMPLES: `perf script -F comm,tid,time` lines of the audio thread.
"""
import bisect
import re
import sys


def main(log_path, samples_path, hz):
    log = open(log_path).read()
    line = next(l for l in log.splitlines() if "slowest blocks (CPU)" in l)
    blocks = [(float(load), float(source), float(a), float(b)) for load, source, a, b in
              re.findall(r"([\d.]+) % \(source ([\d.]+) %\) at ([\d.]+)-([\d.]+) s", line)]
    rate = int(re.search(r"(\d+) Hz, blocks of", log).group(1))
    size = int(re.search(r"blocks of (\d+)", log).group(1))
    period = size / rate
    times = sorted(float(m.group(1)) for m in (re.search(r"\s([\d.]+):\s*$", l) for l in open(samples_path)) if m)
    print(f"{len(blocks)} slowest blocks of {size} samples at {rate} Hz (period {period * 1e3:.3f} ms); "
          f"{len(times)} audio-thread samples at {hz} Hz")
    print(f"{'CPU charged':>12} {'source':>8} {'samples':>8} {'ran (est.)':>11} {'ran/charged':>12}")
    ran_loads = []
    for load, source, a, b in blocks:
        n = bisect.bisect_right(times, b) - bisect.bisect_left(times, a)
        ran = n / hz
        charged = load / 100 * period
        ran_loads.append(ran / period)
        print(f"{load:10.1f} % {source:6.1f} % {n:8d} {100 * ran / period:9.1f} % {ran / charged:11.2f}")
    over = sum(1 for l in ran_loads if l > 1.0)
    print(f"largest CPU charged: {blocks[0][0]:.1f} % of the period; largest time seen running among these blocks: "
          f"{100 * max(ran_loads):.1f} % (±{100 / hz / period:.0f} %, one sample); blocks seen running longer than "
          f"their period: {over}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]))
