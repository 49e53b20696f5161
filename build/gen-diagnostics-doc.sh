#!/usr/bin/env bash
# Regenerates docs/diagnostics.md from the diagnostic catalogue (ivr-media codes --markdown).
# A test in tests/MediaCompiler.Cli.Tests fails when the committed file differs from this output.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build src/MediaCompiler.Cli -c Release --nologo -v q >&2
cli_dll="$(dotnet msbuild src/MediaCompiler.Cli -getProperty:TargetPath -p:Configuration=Release)"

# Write beside the target and move into place, so a failed run never leaves a half-written document.
tmp="$(mktemp docs/diagnostics.md.XXXXXX)"
trap 'rm -f "$tmp"' EXIT
dotnet "$cli_dll" codes --markdown > "$tmp"
chmod 644 "$tmp"
mv "$tmp" docs/diagnostics.md
trap - EXIT
echo "docs/diagnostics.md: $(grep -c '^### IVR' docs/diagnostics.md) codes" >&2
