#!/usr/bin/env bash
# Regenerates the Apple Lossless fixtures in tests/fixtures/alac/ with Apple's own encoder: the open-source ALAC codec
# and its convert utility (github.com/macosforge/alac), the code behind afconvert, GarageBand and Music's lossless
# exports. ffmpeg's encoder, which the other ALAC tests use at test time, never writes 20 or 32-bit streams, and its
# choices of mixing, prediction and escapes are its own; these files are what Mac users' lossless prompts look like.
#   NAME.wav  the source: plain PCM written here (a fixed pseudo-random signal), the oracle, since ALAC is lossless
#   NAME.caf  Apple's encoding of it (CAF: 'desc', 'kuki', 'pakt', 'data')
# NAME is s<bits>_<rate>_<channels>; a 20-bit source is stored left-justified in 3 bytes, as the encoder reads it.
# Two changes are made to Apple's sources before building, both outside the codec's bitstream logic:
#   - the convert utility sizes 20-bit samples as 2 bytes (20 >> 3) in its WAV reader and its packet table; it is made
#     to size them as 3, as the encoder reads them (otherwise it reads the wrong frames and lists packets it never writes);
#   - for *_fill.caf, the encoder's own decoder test (AddFiller, behind VERBOSE_DEBUG) is switched on: it adds a fill or
#     data-stream element after the audio of most packets. ffmpeg cannot decode those ("not yet implemented"); Apple's
#     decoder stops reading once it has every channel, and so must ours.
# Every file is checked before it is kept: ffmpeg decodes it to exactly the source (except the fill file), and so does
# Apple's decoder where its WAV writer can (two channels at most; it packs 20-bit output in 2.5 bytes and aborts).
# Needs g++, make, python3 and ffmpeg, and the ALAC sources. CI never runs this: the generated files are committed.
# Usage: build/make-alac-fixtures.sh <path to a checkout of github.com/macosforge/alac>
set -euo pipefail
source_dir=$(cd "${1:?usage: build/make-alac-fixtures.sh <alac source checkout>}" && pwd)
cd "$(dirname "$0")/.."
out=tests/fixtures/alac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$out"
mkdir -p "$out"

# build VARIANT [extra compiler flags]: the codec library and the convert utility, in $work/VARIANT.
build() {
  local variant=$1; shift
  cp -r "$source_dir" "$work/$variant"
  sed -i 's/(theInputFormat->mBitsPerChannel >> 3)/((theInputFormat->mBitsPerChannel + 7) >> 3)/g; s/(theInputFormat.mBitsPerChannel >> 3)/((theInputFormat.mBitsPerChannel + 7) >> 3)/g' \
    "$work/$variant/convert-utility/main.cpp" "$work/$variant/convert-utility/CAFFileALAC.cpp"
  make -s -C "$work/$variant/codec" CFLAGS="-O2 -w -c $*" >/dev/null 2>&1
  (cd "$work/$variant/convert-utility" && g++ -O2 -w -I../codec -c main.cpp CAFFileALAC.cpp && g++ -o alacconvert main.o CAFFileALAC.o -L../codec -lalac)
}
build plain
# The filler: VERBOSE_DEBUG on, its logging and assertions compiled out.
cp -r "$source_dir" "$work/fill-source"
sed -i '/^#define VERBOSE_DEBUG/d' "$work/fill-source/codec/ALACEncoder.cpp"
sed -i '1i #define DebugMsg(...) ((void)0)\n#define Assert(x) ((void)0)' "$work/fill-source/codec/ALACEncoder.cpp"
source_dir="$work/fill-source" build fill -DVERBOSE_DEBUG=1

# source NAME BITS RATE CHANNELS FRAMES
source() {
  python3 - "$out/$1.wav" "$2" "$3" "$4" "$5" <<'PY'
import math, struct, sys
path, bits, rate, channels, frames = sys.argv[1], *map(int, sys.argv[2:])
full, width = (1 << (bits - 1)) - 1, (bits + 7) // 8
state = 0x2545F491
def noise(amplitude):
    global state
    state = (state * 1664525 + 1013904223) & 0xFFFFFFFF
    return ((state >> 8) * (2 * amplitude + 1) >> 24) - amplitude
data = bytearray()
for i in range(frames):
    t, section = i / rate, i * 8 // frames
    for c in range(channels):
        if section == 2:
            v = 0                                   # digital silence: the coder's runs of zeros
        elif section == 5:
            v = noise(full)                         # full-scale noise: too loud to predict, verbatim (escape) packets
        else:                                       # tones with a common part (for stereo mixing) and a noise floor
            v = round(full * (0.4 * math.sin(2 * math.pi * 220 * t) + 0.3 * math.sin(2 * math.pi * (330 + 110 * c) * t))) + noise(full >> 10)
        data += ((v << (8 * width - bits)) & ((1 << (8 * width)) - 1)).to_bytes(width, "little")
fmt = struct.pack("<HHIIHH", 1, channels, rate, rate * channels * width, channels * width, bits)
with open(path, "wb") as f:
    f.write(b"RIFF" + struct.pack("<I", 4 + 8 + len(fmt) + 8 + len(data)) + b"WAVE")
    f.write(b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(data)) + data)
PY
}

# same A B: the sample data of two WAV files are identical (python: the headers of Apple's and our writer differ).
same() {
  python3 - "$1" "$2" <<'PY'
import sys
def data(path):
    b = open(path, "rb").read(); i = 12
    while b[i:i + 4] != b"data": i += 8 + int.from_bytes(b[i + 4:i + 8], "little")
    return b[i + 8:i + 8 + int.from_bytes(b[i + 4:i + 8], "little")]
sys.exit(0 if data(sys.argv[1]) == data(sys.argv[2]) else f"{sys.argv[2]} differs from {sys.argv[1]}")
PY
}

# fixture NAME BITS RATE CHANNELS FRAMES [fill]
fixture() {
  local name=$1 bits=$2 rate=$3 channels=$4 frames=$5 encoder=$work/${6:-plain}/convert-utility/alacconvert
  source "$name" "$bits" "$rate" "$channels" "$frames"
  "$encoder" "$out/$name.wav" "$out/$name.caf" >/dev/null
  if [ "$channels" -le 2 ] && [ "$bits" != 20 ]; then
    "$work/plain/convert-utility/alacconvert" "$out/$name.caf" "$work/$name.apple.wav" >/dev/null
    same "$out/$name.wav" "$work/$name.apple.wav"
  fi
  if [ "${6:-}" != fill ]; then
    local format=s16le; [ "$bits" -gt 16 ] && format=s32le
    ffmpeg -hide_banner -loglevel error -y -i "$out/$name.wav" -f "$format" "$work/$name.source.raw"
    ffmpeg -hide_banner -loglevel error -y -i "$out/$name.caf" -f "$format" "$work/$name.ffmpeg.raw"
    # ffmpeg gives its channels in WAV order; Apple's 5.1 elements are C, L R, Ls Rs, LFE (see below).
    python3 - "$work/$name.source.raw" "$work/$name.ffmpeg.raw" "$channels" "$format" <<'PY' || { echo "ffmpeg decodes $name.caf differently" >&2; exit 1; }
import sys
source, decoded, channels, width = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read(), int(sys.argv[3]), 2 if sys.argv[4] == "s16le" else 4
order = [1, 2, 0, 5, 3, 4] if channels == 6 else list(range(channels))     # WAV channel i is Apple's channel order[i]
frame = channels * width
expected = b"".join(source[f + order[c] * width:f + (order[c] + 1) * width] for f in range(0, len(source), frame) for c in range(channels))
sys.exit(0 if expected == decoded else 1)
PY
  fi
}

# Packets are 4,096 frames: every fixture ends with a partial one.
fixture s16_8000_1 16 8000 1 8800
fixture s16_16000_2 16 16000 2 9000
fixture s16_16000_2_fill 16 16000 2 9000 fill
fixture s20_16000_1 20 16000 1 9000
fixture s20_16000_2 20 16000 2 9000
fixture s24_16000_2 24 16000 2 9000
fixture s32_16000_1 32 16000 1 9000
fixture s32_16000_2 32 16000 2 9000
# 5.1 in Apple's element order (C, L R, Ls Rs, LFE): the encoder takes its input in that order.
fixture s16_16000_6 16 16000 6 6000
ls -l "$out"
