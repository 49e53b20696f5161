#!/usr/bin/env python3
"""Writes N distinct, valid IVR prompts for the build benchmark: PCM WAV, 8000 Hz, 16-bit, mono.

Each prompt is a sine tone at its own frequency (so every file has different bytes and a different content hash,
and the engine stores N assets), with a short fade in/out so the audio is clean. Standard library only.

    make_prompts.py <folder> [count=200] [seconds=0.5]
"""
import math
import os
import struct
import sys
import wave

SAMPLE_RATE = 8000
AMPLITUDE = 0.3 * 32767
FADE_SAMPLES = 80  # 10 ms: no click at either end


def tone(frequency: float, seconds: float) -> bytes:
    count = int(SAMPLE_RATE * seconds)
    samples = []
    for i in range(count):
        gain = min(1.0, i / FADE_SAMPLES, (count - 1 - i) / FADE_SAMPLES)
        samples.append(int(AMPLITUDE * gain * math.sin(2 * math.pi * frequency * i / SAMPLE_RATE)))
    return struct.pack(f"<{count}h", *samples)


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    folder = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 0.5
    os.makedirs(folder, exist_ok=True)
    for n in range(count):
        # 300..3300 Hz in 15 Hz steps: inside the telephone band, distinct for up to 200 prompts (wraps beyond).
        frequency = 300 + 15 * (n % 200) + 0.5 * (n // 200)
        with wave.open(os.path.join(folder, f"prompt-{n:03d}.wav"), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(SAMPLE_RATE)
            out.writeframes(tone(frequency, seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
