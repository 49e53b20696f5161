#!/usr/bin/env bash
# Packs the build package (and the ivr-media tool) with a version of their own, into artifacts/local-feed, and prints
# what a consuming project needs to use it.
#
# The version is 0.1.0-dev.<commit height> for a clean checkout, and 0.1.0-dev.<height>.<UTC time> when the work tree
# has uncommitted changes: every repack of different bytes gets a new version, so NuGet's global packages folder (which
# keeps the first package of a version forever) never hands out a stale one, and nobody has to clear caches.
#
#   bash build/pack.sh              # both packages
#   bash build/pack.sh --build-only # only MediaCompiler.Build
set -euo pipefail
cd "$(dirname "$0")/.."

base=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
height=$(git rev-list --count HEAD 2>/dev/null || echo 0)
version="$base-dev.$height"
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  version="$version.$(date -u +%Y%m%d%H%M%S)"
fi
feed="$PWD/artifacts/local-feed"
mkdir -p "$feed"

started=$(date +%s)
dotnet pack src/MediaCompiler.Build -c Release -o "$feed" -p:Version="$version" --nologo -v q
if [ "${1:-}" != "--build-only" ]; then
  dotnet pack src/MediaCompiler.Cli -c Release -o "$feed" -p:Version="$version" --nologo -v q
fi
elapsed=$(( $(date +%s) - started ))

cat <<NEXT

Packed $version into $feed in ${elapsed} s.

Use it from a prompt project: a nuget.config beside the project (or the repository root) with

  <?xml version="1.0" encoding="utf-8"?>
  <configuration>
    <packageSources>
      <add key="local-ivr" value="$feed" />
    </packageSources>
  </configuration>

and in the project file

  <PackageReference Include="MediaCompiler.Build" Version="$version" PrivateAssets="all" />

(or Version="$base-dev.*" to take the newest local build on every restore).
NEXT
