"""Minimal Standard MIDI File (type 0) writer: the recipe needs no MIDI package."""
import struct


def _varlen(value):
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    return bytes(reversed(out))


def write_midi(path, events, ticks_per_beat=480, tempo_us=500000):
    """events: list of (seconds, bytes) channel messages; written at 120 bpm so 1 s = 960 ticks."""
    ticks_per_second = ticks_per_beat * 1e6 / tempo_us
    track = bytearray()
    track += b"\x00\xff\x51\x03" + tempo_us.to_bytes(3, "big")
    last = 0
    for seconds, message in sorted(events, key=lambda e: e[0]):
        tick = int(round(seconds * ticks_per_second))
        track += _varlen(max(0, tick - last)) + bytes(message)
        last = max(last, tick)
    track += b"\x00\xff\x2f\x00"
    with open(path, "wb") as f:
        f.write(b"MThd" + struct.pack(">IHHH", 6, 0, 1, ticks_per_beat))
        f.write(b"MTrk" + struct.pack(">I", len(track)) + track)
