#!/usr/bin/env bash
# Audio speed figures for docs/performance.md: probe throughput (files/s) on the fixture corpus, SHA-256 throughput
# beside `openssl dgst -sha256` on a large generated file, and one ffprobe process per file for context.
# Warm file cache, one core (taskset), Release build. Takes about a minute.
#
#   build/bench-audio.sh [corpus folder] [hash file size in MB]
#
# Output goes under $MC_ARTIFACTS (default artifacts/) like every build; the big file goes in ${TMPDIR:-/tmp}.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus="${1:-tests/fixtures/audio}"
size_mb="${2:-256}"
big_file="${TMPDIR:-/tmp}/ivr-bench-sha256-${size_mb}mb.bin"

dotnet build bench/MediaCompiler.Benchmarks -c Release --nologo -v q >&2
bench_dll="$(dotnet msbuild bench/MediaCompiler.Benchmarks -getProperty:TargetPath -p:Configuration=Release)"

if [[ ! -f "$big_file" ]] || (( $(stat -c %s "$big_file") != size_mb * 1000000 )); then
  # Random content: hashing speed does not depend on it, but a sparse or zero file could be special-cased by a cache.
  head -c "$((size_mb * 1000000))" /dev/urandom > "$big_file"
fi
cat "$big_file" "$corpus"/* > /dev/null   # warm the file cache

# One core: the figure per core is what scales to a build agent; the second core keeps the machine responsive.
one_core=()
if command -v taskset >/dev/null 2>&1; then one_core=(taskset -c 0); fi
bench=("${one_core[@]}" dotnet "$bench_dll")

echo "== ivr-media audio benchmarks: $(nproc) cores, $(dotnet --version) SDK, corpus $corpus ($(ls "$corpus" | wc -l) files)"
echo "-- probe (target >= 20,000 files/s for typical prompts)"
"${bench[@]}" probe "$corpus" 3
echo "-- SHA-256 on a ${size_mb} MB file"
"${bench[@]}" hash "$big_file" 5
if command -v ffprobe >/dev/null 2>&1; then
  echo "-- for context"
  "${bench[@]}" ffprobe "$corpus" 5
fi
