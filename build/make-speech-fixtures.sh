#!/usr/bin/env bash
# Makes the speech fixtures of the decoder, P.56 and quality tests in tests/fixtures/speech/: espeak-ng speech at
# 8 and 16 kHz, and the same speech encoded by the real encoders (lame, libvorbis, libopus).
# Needs espeak-ng, sox, lame and ffmpeg. CI never runs this: the files are committed.
# Usage: build/make-speech-fixtures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/fixtures/speech
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
ff() { ffmpeg -hide_banner -loglevel error -y "$@"; }

espeak-ng -w "$work/menu.wav" "Welcome to the service line. For opening hours, press one. To speak to an agent, press two."
espeak-ng -s 140 -p 30 -w "$work/short.wav" "Your call is important to us. Please hold."
# Gain 0.3: espeak-ng peaks near full scale; prompts as recorded sit lower, and the tests need headroom both ways.
sox "$work/menu.wav" -r 16000 -c 1 -b 16 "$out/menu_16k.wav" vol 0.3
sox "$work/menu.wav" -r 8000 -c 1 -b 16 "$out/menu_8k.wav" vol 0.3
sox "$work/short.wav" -r 8000 -c 1 -b 16 "$out/hold_8k.wav" vol 0.1
sox "$work/short.wav" -r 16000 -c 1 -b 16 "$out/hold_16k.wav" vol 0.8

# Encoded speech. lame writes its Xing/Info + LAME tag (encoder delay and padding, the gapless trimming's input)
# for VBR and for MPEG-1 CBR; the menu is VBR so that its decode can be checked against the WAV's exact length.
lame --quiet -V 6 "$out/menu_16k.wav" "$out/menu_16k_lame.mp3"
sox "$work/short.wav" -r 44100 -c 2 -b 16 "$work/hold_44k_stereo.wav" vol 0.5
lame --quiet -b 128 --resample 44.1 "$work/hold_44k_stereo.wav" "$out/hold_44k_stereo_lame.mp3"
ff -i "$out/menu_16k.wav" -c:a libvorbis -q:a 2 "$out/menu_16k.ogg"
ff -i "$out/menu_16k.wav" -c:a libopus -b:a 24k -f ogg "$out/menu_16k.opus"
ff -i "$work/hold_44k_stereo.wav" -c:a libopus -b:a 48k -f ogg "$out/hold_stereo.opus"
# An output gain of +6 dB in the OpusHead (RFC 7845): the decoder must apply it.
ff -i "$out/hold_8k.wav" -c:a libopus -b:a 16k -f ogg "$work/gain.opus"
python3 - "$work/gain.opus" "$out/hold_8k_gain6db.opus" <<'PY'
import struct, sys, zlib
data = bytearray(open(sys.argv[1], 'rb').read())
# OpusHead sits in the first page's body; its output gain is the int16 at offset 16 of the packet (Q7.8 dB).
head = data.index(b'OpusHead')
struct.pack_into('<h', data, head + 16, 6 * 256)
# Recompute the first page's CRC (poly 0x04C11DB7, no reflection, initial 0) over the page with a zeroed CRC field.
segments = data[26]; size = 27 + segments + sum(data[27:27 + segments])
page = bytearray(data[:size]); page[22:26] = b'\0\0\0\0'
crc = 0
for byte in page:
    crc ^= byte << 24
    for _ in range(8):
        crc = ((crc << 1) ^ 0x04C11DB7) & 0xFFFFFFFF if crc & 0x80000000 else (crc << 1) & 0xFFFFFFFF
struct.pack_into('<I', data, 22, crc)
open(sys.argv[2], 'wb').write(data)
PY
ls -la "$out"
