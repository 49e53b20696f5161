#!/usr/bin/env bash
# Regenerates the spoken prompts of sample-ivr-project/prompts/ with espeak-ng (speech) and sox/ffmpeg (formats).
# The generated files are committed: neither the build nor the tests need these tools. Each prompt uses a different
# format the media engine accepts, so the sample exercises every decoder path of the pipeline:
#   welcome.wav              8 kHz 16-bit PCM WAV
#   menus/main-menu.wav     16 kHz 16-bit PCM WAV
#   menus/transfer.wav       8 kHz G.711 mu-law WAV
#   please-hold.mp3         16 kHz mono MP3, 64 kbps CBR
#   goodbye.ogg             16 kHz mono Ogg Vorbis (about 54 kbps, the most libvorbis gives 16 kHz mono)
# Usage: bash build/make-sample-prompts.sh   (needs espeak-ng, sox and ffmpeg)
set -euo pipefail
cd "$(dirname "$0")/../sample-ivr-project/prompts"

for tool in espeak-ng sox ffmpeg; do
  command -v "$tool" >/dev/null || { echo "make-sample-prompts: $tool is required" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# speak NAME "TEXT": espeak-ng's native output (22.05 kHz mono) into the work folder.
speak() { espeak-ng -v en-us -s 150 -w "$work/$1.wav" "$2"; }

speak welcome   "Welcome to Example Bank. Your call may be recorded for quality purposes."
speak mainmenu  "For accounts, press one. For cards, press two. To speak to an agent, press zero."
speak transfer  "Please wait while we transfer your call."
speak hold      "All our agents are busy. Please hold."
speak goodbye   "Thank you for calling. Goodbye."

mkdir -p menus
sox -D "$work/welcome.wav"  -r 8000  -c 1 -b 16 -e signed-integer welcome.wav
sox -D "$work/mainmenu.wav" -r 16000 -c 1 -b 16 -e signed-integer menus/main-menu.wav
sox -D "$work/transfer.wav" -r 8000  -c 1 -e u-law menus/transfer.wav
# sox -D (no dither) and ffmpeg -bitexact with -map_metadata -1 keep every output byte-identical across runs
# (no random dither, no encoder tags, no dates), so regenerating changes nothing unless the text does.
ffmpeg -v error -y -i "$work/hold.wav"    -map_metadata -1 -bitexact -ar 16000 -ac 1 -c:a libmp3lame -b:a 64k please-hold.mp3
ffmpeg -v error -y -i "$work/goodbye.wav" -map_metadata -1 -bitexact -ar 16000 -ac 1 -c:a libvorbis -b:a 64k goodbye.ogg

ls -l welcome.wav menus/main-menu.wav menus/transfer.wav please-hold.mp3 goodbye.ogg
