#!/usr/bin/env bash
# Runs every test project of the solution: the README's test command, and exactly what CI runs.
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Wav").
set -uo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet test MediaCompiler.Build.sln -c Release --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one summary per test assembly; add them up into one closing line.
awk '
  /(Passed|Failed)! *- *Failed: *[0-9]+, *Passed: *[0-9]+, *Skipped: *[0-9]+/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i + 1) + 0 }
      if ($i == "Passed:")  { p += $(i + 1) + 0 }
      if ($i == "Skipped:") { s += $(i + 1) + 0 }
    }
    n++
  }
  END { printf "\nTest assemblies: %d\n%d passed, %d failed, %d skipped\n", n, p, f, s }
' "$log"

exit "$status"
