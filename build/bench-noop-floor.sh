#!/usr/bin/env bash
# What a no-op build costs with the package, against the least any package that hands compiled prompts to the SDK
# as content can cost. Figures for docs/performance.md ("The no-op's overhead, measured to the millisecond"). A
# benchmark, NOT part of the test suite.
#
# Four NoTargets projects with the same 20 generated prompts as IvrPrompt items, timed by build/bench/paired_noop.py
# (interleaved rounds; each project's overhead over the bare one as the median of the per-round differences):
#   bare          no package
#   package       MediaCompiler.Build, packed from src/ and restored from a local source, as a user gets it
#   empty-files   the same package with empty .props and .targets: what referencing it costs (NuGet, its size)
#   floor         the same package with an empty .props and a .targets that only imports the item index the package
#                 wrote and hands the compiled prompts to the SDK's copy as ContentWithTargetPath, as the package does
#                 (no checks, no settings hash, no task): the least this design of package can cost
# The last two are the package's restored folder copied and edited; their projects' NuGet imports point at the copies.
#
#   build/bench-noop-floor.sh            # ROUNDS=40 by default; about 4 minutes on 2 cores
#
# Needs dotnet and python3. Builds go to $MC_ARTIFACTS (default /tmp/mc-bench); projects to a temp folder removed at
# exit.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
export MC_ARTIFACTS="${MC_ARTIFACTS:-/tmp/mc-bench}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
rounds="${ROUNDS:-40}"
work="$(mktemp -d "${TMPDIR:-/tmp}/ivr-noop-floor.XXXXXX")"
trap 'rm -rf "$work"' EXIT
log="$work/bench.log"
fail() { echo "bench-noop-floor: $*" >&2; tail -n 20 "$log" >&2 || true; exit 1; }

package_dir="$MC_ARTIFACTS/floor-package"
rm -rf "$package_dir"
dotnet pack "$repo/src/MediaCompiler.Build" -c Release -o "$package_dir" --nologo -v q >>"$log" 2>&1 || fail "pack failed"
version="$(basename "$package_dir"/MediaCompiler.Build.*.nupkg .nupkg)"; version="${version#MediaCompiler.Build.}"
export NUGET_PACKAGES="$MC_ARTIFACTS/floor-nuget-packages"
rm -rf "$NUGET_PACKAGES/mediacompiler.build"

source "$repo/build/bench/projects.sh"
bench_isolate "$work" "$package_dir"
reference="<PackageReference Include=\"MediaCompiler.Build\" Version=\"$version\" PrivateAssets=\"all\" />"
# project <name> <PackageReference element, or empty>: generated, with 20 prompts, and restored.
project() {
  bench_project "$work/$1" "$2" 20 >>"$log"
  dotnet restore "$work/$1" --nologo -v q >>"$log" 2>&1 || fail "restore of $1 failed"
}
# edited_copy <name>: the project's NuGet imports redirected to its own copy of the restored package
edited_copy() {
  cp -r "$NUGET_PACKAGES/mediacompiler.build/$version" "$work/$1-package"
  sed -i "s#\$(NuGetPackageRoot)/mediacompiler.build/$version#$work/$1-package#g; s#$NUGET_PACKAGES/mediacompiler.build/$version#$work/$1-package#g" \
    "$work/$1/obj/$1.csproj.nuget.g.props" "$work/$1/obj/$1.csproj.nuget.g.targets"
  grep -q "$work/$1-package" "$work/$1/obj/$1.csproj.nuget.g.targets" || fail "could not redirect the imports of $1"
}

project bare ""
project package "$reference"
project empty-files "$reference"
project floor "$reference"
(unset GENESYS_BASE_URL; dotnet build "$work/package" --no-restore --nologo -v q >>"$log" 2>&1) || fail "build of package failed"
[[ -f "$work/package/obj/Debug/net8.0/ivr/prompts.items.props" ]] || fail "the package wrote no item index"

edited_copy empty-files
echo '<Project />' >"$work/empty-files-package/build/MediaCompiler.Build.props"
echo '<Project />' >"$work/empty-files-package/build/MediaCompiler.Build.targets"

edited_copy floor
echo '<Project />' >"$work/floor-package/build/MediaCompiler.Build.props"
cat >"$work/floor-package/build/MediaCompiler.Build.targets" <<'EOF'
<Project>
  <PropertyGroup>
    <IvrIntermediateDirectory>$([MSBuild]::NormalizeDirectory('$(MSBuildProjectDirectory)', '$(IntermediateOutputPath)', 'ivr'))</IvrIntermediateDirectory>
    <IvrPromptsTargetFolder>prompts</IvrPromptsTargetFolder>
    <_IvrItemIndexFile>$(IvrIntermediateDirectory)prompts.items.props</_IvrItemIndexFile>
  </PropertyGroup>
  <Import Project="$(_IvrItemIndexFile)" Condition="Exists('$(_IvrItemIndexFile)')" />
  <Target Name="_IvrAddCompiledPromptsAsContent" BeforeTargets="AssignTargetPaths">
    <ItemGroup>
      <ContentWithTargetPath Include="@(_IvrLastCompiledPrompt)" CopyToOutputDirectory="PreserveNewest" CopyToPublishDirectory="PreserveNewest" />
    </ItemGroup>
  </Target>
</Project>
EOF
# The floor imports the package project's index: the same 20 compiled prompts (its own build has no task to write one).
mkdir -p "$work/floor/obj/Debug/net8.0"
cp -r "$work/package/obj/Debug/net8.0/ivr" "$work/floor/obj/Debug/net8.0/"
for p in bare empty-files floor; do
  dotnet build "$work/$p" --no-restore --nologo -v q >>"$log" 2>&1 || fail "build of $p failed"
done
[[ -f "$work/floor/bin/Debug/net8.0/prompts/prompt-000.wav" ]] || fail "the floor project copied no compiled prompt"

echo "-- No-op builds, 20 prompts ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); sdk $(dotnet --version))"
python3 "$repo/build/bench/paired_noop.py" "$rounds" "$work/bare" "$work/package" "$work/empty-files" "$work/floor"
