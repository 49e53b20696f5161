#!/usr/bin/env bash
# Decode and conversion speed for docs/performance.md: one minute of speech per format (16 kHz mono WAV, MP3 by
# libmp3lame, Ogg Vorbis, Ogg Opus, FLAC, AAC-LC in ADTS and in M4A), each timed as the engine's in-process decode, the
# engine's whole conversion to G.711 (with P.56 normalisation), and ffmpeg doing the conversion as a process; then the
# same for a 10 s prompt. One core (taskset), Release build, best of several runs. Needs espeak-ng, sox, ffmpeg, flac.
#   build/bench-decode.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

text="Thank you for calling. Your call is important to us. For account balances, press one. To report a lost card, \
press two. For opening hours and branch addresses, press three. To speak to one of our agents, press zero or stay on \
the line. Please have your account number ready."
mkdir -p "$work/minute" "$work/ten"
espeak-ng -w "$work/raw.wav" "$text $text $text $text"
# Exactly 60 s and 10 s at 16 kHz, at a recorded prompt's level.
sox "$work/raw.wav" -r 16000 -c 1 -b 16 "$work/speech60.wav" vol 0.3 repeat 3 trim 0 60
sox "$work/speech60.wav" "$work/speech10.wav" trim 0 10
for n in 60 10; do
  dir=$([[ $n == 60 ]] && echo minute || echo ten)
  cp "$work/speech$n.wav" "$work/$dir/a_${n}s_16k.wav"
  ffmpeg -hide_banner -loglevel error -y -i "$work/speech$n.wav" -c:a libmp3lame -q:a 6 "$work/$dir/b_${n}s_16k.mp3"
  ffmpeg -hide_banner -loglevel error -y -i "$work/speech$n.wav" -c:a libvorbis -q:a 2 "$work/$dir/c_${n}s_16k.ogg"
  ffmpeg -hide_banner -loglevel error -y -i "$work/speech$n.wav" -c:a libopus -b:a 24k -f ogg "$work/$dir/d_${n}s_16k.opus"
  flac --silent -5 -o "$work/$dir/e_${n}s_16k.flac" "$work/speech$n.wav"
  ffmpeg -hide_banner -loglevel error -y -i "$work/speech$n.wav" -c:a aac -b:a 32k -f adts "$work/$dir/f_${n}s_16k.aac"
  ffmpeg -hide_banner -loglevel error -y -i "$work/speech$n.wav" -c:a aac -b:a 32k -f mp4 "$work/$dir/g_${n}s_16k.m4a"
done

dotnet build bench/MediaCompiler.Benchmarks -c Release --nologo -v q >&2
bench_dll="$(dotnet msbuild bench/MediaCompiler.Benchmarks -getProperty:TargetPath -p:Configuration=Release)"
one_core=()
if command -v taskset >/dev/null 2>&1; then one_core=(taskset -c 0); fi

echo "== decode and conversion: $(nproc) cores, $(dotnet --version) SDK, $(ffmpeg -version | head -1 | cut -d' ' -f1-3), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "-- one minute of speech per format (targets: >= 50x real time; a 10 s prompt converted in < 20 ms)"
"${one_core[@]}" dotnet "$bench_dll" convert "$work/minute" "$runs"
echo "-- a 10 s prompt"
"${one_core[@]}" dotnet "$bench_dll" convert "$work/ten" "$runs"
