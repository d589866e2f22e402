#!/usr/bin/env python3
"""Writes the hostile-input corpus (tests/corpus/hostile/) and its expectations.json.

Each file is an input a user could be handed: truncated, lying about its sizes, full of NaN/Inf, absurdly
nested, or pointing outside its folder. expectations.json names, for each file, the parser ("target") and a
fragment of the one-line error it must produce. Standard library only; deterministic.
Run: python3 tests/corpus/make_hostile.py
"""
import json
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "hostile")
REPO = os.path.dirname(os.path.dirname(HERE))
expectations = []


def write(target, name, data, error):
    folder = os.path.join(OUT, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    expectations.append({"file": f"{target}/{name}", "target": target, "error": error})


# ---------------------------------------------------------------- MIDI
def midi_header(fmt=1, tracks=1, division=480):
    return b"MThd" + struct.pack(">IHHH", 6, fmt, tracks, division)


def track(body):
    return b"MTrk" + struct.pack(">I", len(body)) + body


good_track = track(bytes([0x00, 0x90, 60, 100, 0x60, 0x80, 60, 0, 0x00, 0xFF, 0x2F, 0x00]))
write("midi", "empty.mid", b"", "not a Standard MIDI File")
write("midi", "garbage.mid", bytes(range(256)) * 4, "not a Standard MIDI File")
write("midi", "header-only-truncated.mid", midi_header()[:10], "not a Standard MIDI File")
write("midi", "huge-track-length.mid", midi_header() + b"MTrk" + struct.pack(">I", 0xFFFFFFF0) + b"\x00\x90\x3c", "corrupt or truncated MIDI file")
write("midi", "missing-tracks.mid", midi_header(tracks=65535) + good_track, "corrupt or truncated MIDI file")
write("midi", "smpte-division.mid", midi_header(division=0xE728) + good_track, "SMPTE time division is not supported")
write("midi", "truncated-event.mid", midi_header() + b"MTrk" + struct.pack(">I", 6) + bytes([0x00, 0x90, 60]), "corrupt or truncated MIDI file")
write("midi", "huge-delta-time.mid", midi_header() + track(bytes([0xFF, 0xFF, 0xFF, 0x7F, 0x90, 60, 100, 0x00, 0x80, 60, 0])), "hours are refused")

# ---------------------------------------------------------------- WAV
def wav(fmt_tag=3, channels=1, rate=48000, bits=32, data=b"", data_size=None, extra_fmt=b""):
    block = channels * bits // 8
    fmt = struct.pack("<HHIIHH", fmt_tag, channels, rate, rate * block, block, bits) + extra_fmt
    size = len(data) if data_size is None else data_size
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", size) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


write("wav", "empty.wav", b"", "not a WAV file")
write("wav", "not-riff.wav", b"ID3\x03\x00" + bytes(200), "not a WAV file")
write("wav", "riff-header-only.wav", b"RIFF\x04\x00\x00\x00WAVE", "corrupt or unsupported WAV file")
write("wav", "zero-channels.wav", wav(channels=0, bits=32), "corrupt or unsupported WAV file")
write("wav", "thousand-channels.wav", wav(channels=1000, bits=32, data=bytes(4000 * 2)), "channels is not supported")
write("wav", "zero-sample-rate.wav", wav(rate=0, data=bytes(16)), "sample rate 0 Hz is not supported")
write("wav", "adpcm.wav", wav(fmt_tag=2, bits=4, data=bytes(64)), "corrupt or unsupported WAV file")
write("wav", "nan-samples.wav", wav(data=struct.pack("<4f", 0.1, float("nan"), float("inf"), -0.2)), "NaN or infinite samples")

# ---------------------------------------------------------------- presets
write("preset", "deeply-nested.json", '{"schema":1,"description":' + "[" * 10000 + "]" * 10000 + "}", "invalid JSON")
write("preset", "parent-path.json", '{"schema":1,"models":{"decoder":"../../../etc/passwd"}}', "may not contain '..'")
write("preset", "absolute-path.json", '{"schema":1,"models":{"decoder":"/etc/passwd"}}', "must be relative")
write("preset", "windows-path.json", '{"schema":1,"models":{"decoder":"C:\\\\Windows\\\\win.ini"}}', "must be relative")
write("preset", "unknown-parameter.json", '{"schema":1,"parameters":{"synth.nope":1}}', "unknown parameter")
write("preset", "out-of-range.json", '{"schema":1,"parameters":{"env.attack":-5}}', "is outside")
write("preset", "infinite-value.json", '{"schema":1,"parameters":{"env.attack":1e999}}', "env.attack")
write("preset", "wrong-type.json", '{"schema":1,"parameters":{"env.attack":null}}', "must be a number")
write("preset", "future-schema.json", '{"schema":999}', "written by a newer NeuralSynth")
write("preset", "truncated.json", '{"schema":1,"parameters":{"env.attack":', "invalid JSON")
write("preset", "not-json.json", bytes([0xFF, 0xFE, 0x00, 0x01]) * 10, "invalid JSON")

# ---------------------------------------------------------------- NAM
with open(os.path.join(REPO, "models", "nam", "wavenet.nam"), "rb") as f:
    small_nam = json.loads(f.read())


def nam(mutate):
    model = json.loads(json.dumps(small_nam))
    mutate(model)
    return json.dumps(model)


write("nam", "truncated.nam", json.dumps(small_nam)[:300], "is not valid JSON")
write("nam", "weight-count-mismatch.nam", nam(lambda m: m.update(weights=m["weights"][:-3])), "weights")
write("nam", "infinite-weight.nam", nam(lambda m: m["weights"].__setitem__(5, 1e999)).replace("Infinity", "1e999"), "weights")
write("nam", "unknown-architecture.nam", nam(lambda m: m.update(architecture="Transformer9000")), "architecture")
write("nam", "future-version.nam", nam(lambda m: m.update(version="99.0.0")), "version")
write("nam", "huge-channels.nam", nam(lambda m: m["config"]["layers"][0].update(channels=1_000_000_000)), "channels")
write("nam", "zero-kernel.nam", nam(lambda m: m["config"]["layers"][0].update(kernel_size=0)), "kernel_size")
write("nam", "deeply-nested.nam", '{"version":"0.5.0","architecture":"WaveNet","config":' + "[" * 5000 + "]" * 5000 + "}", "is not valid JSON")
write("nam", "empty.nam", "", "is not valid JSON")

with open(os.path.join(OUT, "expectations.json"), "w") as f:
    json.dump(expectations, f, indent=1)
print(f"wrote {len(expectations)} hostile inputs to {OUT}")
