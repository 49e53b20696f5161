# Sourced by build/bench-build.sh and build/bench-noop-floor.sh: the projects they generate, as a user would write
# them, away from the repository's own MSBuild and NuGet settings.

# bench_isolate <folder> <local package source>: empty Directory.* files stop MSBuild's upward search (the projects
# are a user's, not the repository's); the nuget.config has the freshly packed packages and nuget.org.
bench_isolate() {
  local f
  for f in Directory.Build.props Directory.Build.targets Directory.Packages.props; do echo '<Project />' >"$1/$f"; done
  cat >"$1/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$2" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
}

# bench_project <folder> <PackageReference element, or empty> <prompt count>: a NoTargets project named after its
# folder, whose generated prompts are IvrPrompt items (inert without the package). Projects differ only by the reference.
bench_project() {
  mkdir -p "$1"
  cat >"$1/$(basename "$1").csproj" <<XML
<Project Sdk="Microsoft.Build.NoTargets/3.7.0">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <IvrFlowId>main-menu-flow</IvrFlowId>
  </PropertyGroup>
  <ItemGroup>
    $2
    <IvrPrompt Include="prompts/**/*.wav" />
  </ItemGroup>
</Project>
XML
  "${python:-python3}" "$(dirname "${BASH_SOURCE[0]}")/make_prompts.py" "$1/prompts" "$3"
}
