#!/usr/bin/env bash
# Records the reference PCM that the managed decoders are tested against: ffmpeg's decode of each encoded speech
# fixture, mono (-ac 1), at the stream's own rate (Opus: 48 kHz), 16-bit little-endian, gzip-compressed.
# (ffmpeg with libopus for Opus.) ffmpeg honours the LAME tag's delay and padding and Opus's pre-skip, end trimming and output gain, so these are
# the gapless references. Needs ffmpeg. The files are committed: tests never run ffmpeg.
# Usage: build/record-decoder-references.sh
set -euo pipefail
cd "$(dirname "$0")/.."
in=tests/fixtures/speech
out=tests/fixtures/reference
mkdir -p "$out"
# Opus is decoded by libopus (the reference implementation, which Concentus ports), not ffmpeg's own Opus decoder,
# whose SILK resampling differs from the reference by a few samples of phase.
for file in menu_16k_lame.mp3 hold_44k_stereo_lame.mp3 menu_16k.ogg menu_16k.opus hold_stereo.opus hold_8k_gain6db.opus; do
  decoder=(); [[ $file == *.opus ]] && decoder=(-c:a libopus)
  ffmpeg -hide_banner -loglevel error -nostdin "${decoder[@]}" -i "$in/$file" -f s16le -ac 1 - | gzip -9n > "$out/$file.s16le.gz"
  rate=$(ffprobe -v error -select_streams a:0 -show_entries stream=sample_rate -of default=nw=1:nk=1 "$in/$file" | head -1)
  echo "$file $rate $(($(gzip -dc "$out/$file.s16le.gz" | wc -c) / 2))"
done | tee "$out/decoder-references.txt"
echo "(file, sample rate, samples) as ffmpeg $(ffmpeg -version | head -1 | cut -d' ' -f3) decoded them" >> "$out/decoder-references.txt"
