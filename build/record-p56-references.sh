#!/usr/bin/env bash
# Records the ITU-T P.56 reference levels the C# speech voltmeter is tested against: compiles the literal
# transcription of the G.191 STL's sv-p56.c (build/reference/sv-p56-ref.c) with cc, runs it on each speech fixture
# (16-bit samples via sox) and writes tests/fixtures/reference/p56-references.txt:
#   file  sample_rate  active_level_dBov  activity_factor  long_term_level_dBov  samples
# Needs cc and sox. The file is committed: tests never run cc.
# Usage: build/record-p56-references.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -Wall -o "$work/sv-p56-ref" build/reference/sv-p56-ref.c -lm
speech=tests/fixtures/speech
out=tests/fixtures/reference/p56-references.txt
# A synthetic case beside the speech: 1 kHz bursts at -20 dBFS peak, 0.5 s on and 0.5 s off (regenerated each time).
sox -D -n -r 8000 -b 16 -c 1 "$speech/bursts_8k.wav" synth 0.5 sine 1000 vol 0.1 pad 0 0.5 repeat 3
{
  echo "# file rate active_level_dBov activity_factor long_term_level_dBov samples  (G.191 sv-p56.c transcription, build/record-p56-references.sh)"
  for file in menu_8k.wav menu_16k.wav hold_8k.wav hold_16k.wav bursts_8k.wav; do
    rate=$(soxi -r "$speech/$file")
    echo "$file $rate $(sox "$speech/$file" -t raw -e signed -b 16 -c 1 - | "$work/sv-p56-ref" "$rate")"
  done
} > "$out"
cat "$out"

# Cross-check of normalizeVolume: the engine's output for one prompt (A-law, decoded back to 16-bit; made by
# build/tools/normalise-prompt.cs, a .NET 10 file-based app on the engine) measured by the C reference. The test
# checks that the engine still produces exactly these samples, so the C measurement applies to today's output.
normalised=tests/fixtures/reference/normalised_hold_16k.alaw.s16le
dotnet run build/tools/normalise-prompt.cs "$speech/hold_16k.wav" "$work/normalised.raw"
gzip -9nc "$work/normalised.raw" > "$normalised.gz"
{
  echo "# file rate active_level_dBov activity_factor long_term_level_dBov samples  (engine output at the default -26 dBov target, measured by the C reference)"
  echo "hold_16k.wav 8000 $("$work/sv-p56-ref" 8000 < "$work/normalised.raw")"
} > tests/fixtures/reference/normalised-references.txt
cat tests/fixtures/reference/normalised-references.txt
