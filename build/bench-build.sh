#!/usr/bin/env bash
# Build-pipeline figures for docs/performance.md ("## Build pipeline"). A benchmark, NOT part of the test suite.
#
#   1. No-op rebuild overhead: the same NoTargets project (20 prompts) with the MediaCompiler.Build package (packed
#      from src/ and restored from a local source, as a user gets it) and without it (identical project, IvrPrompt
#      items left inert), each built once, then timed over repeated `dotnet build --no-restore` runs with nothing to
#      do. Target: the package adds at most 2 % (judged on the median, which load from other processes moves least);
#      MSBuild's own clock (-clp:PerformanceSummary) gives the time spent in the package's targets beside it. A third
#      identical project references an empty package (generated here): what any PackageReference costs, told apart
#      from what this package's own files cost.
#   2. Cold build: 200 generated prompts against the emulator with 20 ms added latency per request, engine reset
#      before every run so every prompt is uploaded, obj/ and bin/ of the project deleted (restore is done once,
#      beforehand, and not timed). Beside it, the product brief's reference pipeline (build/bench/
#      reference_pipeline.py: one upload at a time, then compile, then wait for the result).
#      Target: the build at least 3 times faster.
#   0. Per-prompt incrementality with the embedded engine (the default): a project of EMBEDDED_PROMPTS (2,000) prompts
#      of 2 s built cold, then again after one prompt is edited: the second build's wall time, its task time and how
#      many prompts it recompiled (from the task's own "N unchanged (from the prompt cache), K to compile" line), and
#      the cold build's peak memory; then its no-op against the same prompts in a project without the package (5
#      interleaved rounds, build/bench/paired_noop.py). Runs first; BENCH_EMBEDDED_ONLY=1 stops after it,
#      BENCH_SKIP_EMBEDDED=1 skips it.
#
#   build/bench-build.sh
#
# Knobs (environment): NOOP_PROMPTS=20 NOOP_RUNS=40 COLD_PROMPTS=200 COLD_RUNS=3 LATENCY_MS=20
#   NOOP_NODE_REUSE=true|false (default true: what `dotnet build` does for users)  BENCH_NO_HYPERFINE=1
#   BENCH_NOOP_ONLY=1 (part 1 only: prints its figures and stops before the emulator starts)
# Uses hyperfine for the no-op runs when it is installed, else an interleaved date loop. Needs dotnet, python3, curl.
# Builds go to $MC_ARTIFACTS (default /tmp/mc-bench); generated projects to a temp folder removed at exit; the
# emulator runs on a free loopback port and is stopped at exit. Takes 3-5 minutes on 2 cores.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bench_dir="$repo/build/bench"

export MC_ARTIFACTS="${MC_ARTIFACTS:-/tmp/mc-bench}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The interpreter itself, not a version-manager shim (pyenv's costs ~0.5 s a start, which the reference's timing
# would wrongly include).
python="$(python3 -c 'import sys; print(sys.executable)')"
noop_prompts="${NOOP_PROMPTS:-20}"
noop_runs="${NOOP_RUNS:-40}"
cold_prompts="${COLD_PROMPTS:-200}"
cold_runs="${COLD_RUNS:-3}"
latency_ms="${LATENCY_MS:-20}"
node_reuse="${NOOP_NODE_REUSE:-true}"

work="$(mktemp -d "${TMPDIR:-/tmp}/ivr-bench-build.XXXXXX")"
emulator_pid=""
cleanup() {
  if [[ -n "$emulator_pid" ]]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log="$work/bench.log"
step() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
fail() { echo "bench-build: $*" >&2; echo "--- last lines of $log:" >&2; tail -n 30 "$log" >&2 || true; exit 1; }
now_ms() { date +%s%3N; }

# ── Inputs: the emulator, the packed package, the generated projects ────────────────────────────────────────────
step "building the emulator and packing MediaCompiler.Build (Release, MC_ARTIFACTS=$MC_ARTIFACTS)"
dotnet build "$repo/src/MediaCompiler.Emulator" -c Release --nologo -v q >>"$log" 2>&1 || fail "emulator build failed"
emulator_dll="$MC_ARTIFACTS/bin/MediaCompiler.Emulator/release/MediaCompiler.Emulator.dll"
package_dir="$MC_ARTIFACTS/bench-package"
rm -rf "$package_dir"
dotnet pack "$repo/src/MediaCompiler.Build" -c Release -o "$package_dir" --nologo -v q >>"$log" 2>&1 || fail "pack failed"
package_version="$(basename "$package_dir"/MediaCompiler.Build.*.nupkg .nupkg)"; package_version="${package_version#MediaCompiler.Build.}"

# A package with nothing in it: what any PackageReference costs a no-op build (NuGet's targets run for it), so the
# summary can tell that apart from what MediaCompiler.Build's own files cost.
mkdir -p "$work/empty-package/build"
echo '<Project />' >"$work/empty-package/build/Bench.EmptyReference.props"
echo '<Project />' >"$work/empty-package/build/Bench.EmptyReference.targets"
cat >"$work/empty-package/Bench.EmptyReference.csproj" <<'EOF'
<Project Sdk="Microsoft.Build.NoTargets/3.7.0">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <PackageId>Bench.EmptyReference</PackageId>
    <Version>1.0.0</Version>
    <IncludeBuildOutput>false</IncludeBuildOutput>
    <NoWarn>NU5128</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <None Include="build/**" Pack="true" PackagePath="build/" />
  </ItemGroup>
</Project>
EOF
for f in Directory.Build.props Directory.Build.targets Directory.Packages.props; do echo '<Project />' >"$work/empty-package/$f"; done
dotnet pack "$work/empty-package" -o "$package_dir" --nologo -v q >>"$log" 2>&1 || fail "pack of the empty package failed"

# An isolated package folder: the freshly packed version always replaces an older copy of the same version number.
export NUGET_PACKAGES="$MC_ARTIFACTS/bench-nuget-packages"
rm -rf "$NUGET_PACKAGES/mediacompiler.build" "$NUGET_PACKAGES/bench.emptyreference"

# Empty Directory.* files stop MSBuild's upward search: the projects are a user's, not the repository's.
source "$bench_dir/projects.sh"
bench_isolate "$work" "$package_dir"

# write_project <folder> <with|without|emptyref> <prompt count>: the same project each way, except the PackageReference.
write_project() {
  local reference=""
  [[ "$2" == with ]] && reference="<PackageReference Include=\"MediaCompiler.Build\" Version=\"$package_version\" PrivateAssets=\"all\" />"
  [[ "$2" == emptyref ]] && reference="<PackageReference Include=\"Bench.EmptyReference\" Version=\"1.0.0\" PrivateAssets=\"all\" />"
  bench_project "$work/$1" "$reference" "$3"
}
step "generating projects ($noop_prompts prompts with/without the package, $cold_prompts prompts for the cold build)"
write_project noop-with with "$noop_prompts"
write_project noop-without without "$noop_prompts"
write_project noop-emptyref emptyref "$noop_prompts"
write_project cold with "$cold_prompts"
for p in noop-with noop-without noop-emptyref cold; do
  dotnet restore "$work/$p" --nologo -v q >>"$log" 2>&1 || fail "restore of $p failed"
done

# ── 0. One edited prompt with the embedded engine ───────────────────────────────────────────────────────────────
embedded_prompts="${EMBEDDED_PROMPTS:-2000}"
if [[ -z "${BENCH_SKIP_EMBEDDED:-}" ]]; then
  step "embedded engine: $embedded_prompts prompts of 2 s, cold, then one edited prompt"
  write_project embedded with 0
  "$python" "$bench_dir/make_prompts.py" "$work/embedded/prompts" "$embedded_prompts" 2.0
  dotnet restore "$work/embedded" --nologo -v q >>"$log" 2>&1 || fail "restore of embedded failed"
  embedded_build() { # <label>: one build, detailed enough to show the task's lines; wall ms, peak RSS, task lines
    local start; start=$(now_ms)
    (unset GENESYS_BASE_URL; /usr/bin/time -f '%M' -o "$work/$1.rss" dotnet build "$work/embedded" --no-restore --nologo -nodeReuse:false -v n >"$work/$1.out" 2>&1) \
      || { cat "$work/$1.out" >>"$log"; fail "build $1 failed"; }
    local wall=$(( $(now_ms) - start ))
    local compiled; compiled="$(grep -oE '[0-9]+ unchanged \(from the prompt cache\), [0-9]+ to compile' "$work/$1.out" | head -n 1 || true)"
    local summary; summary="$(grep -oE 'IVR prompts: [0-9]+ (compiled|up to date)[^.]*in [0-9.]+ s' "$work/$1.out" | head -n 1 || true)"
    if [[ -z "$compiled" ]]; then
      case "$summary" in *"up to date"*) compiled="0 to compile (every prompt from the prompt cache)" ;; *) compiled="all $embedded_prompts compiled" ;; esac
    fi
    echo "$1: wall $wall ms; peak RSS $(( $(cat "$work/$1.rss") / 1024 )) MB; $compiled; ${summary:-no summary line}" | tee -a "$work/embedded.txt"
  }
  : >"$work/embedded.txt"
  embedded_build embedded-cold
  "$python" "$bench_dir/make_prompts.py" "$work/edit0" 1 2.1 && cp "$work/edit0/prompt-000.wav" "$work/embedded/prompts/prompt-001.wav"
  embedded_build embedded-one-edit
  touch "$work/embedded/prompts/prompt-002.wav"   # a newer date, the same bytes: the target runs, nothing is recompiled
  embedded_build embedded-touched
  # The no-op at this scale: the same prompts in a project without the package, 5 interleaved runs each.
  write_project embedded-bare without 0
  cp -r "$work/embedded/prompts/." "$work/embedded-bare/prompts/"
  dotnet restore "$work/embedded-bare" --nologo -v q >>"$log" 2>&1 || fail "restore of embedded-bare failed"
  echo "no-op with $embedded_prompts prompts, against the same prompts without the package (5 rounds):" >>"$work/embedded.txt"
  "$python" "$bench_dir/paired_noop.py" 5 "$work/embedded-bare" "$work/embedded" | tee -a "$work/embedded.txt"
  echo "0. one edited prompt with the embedded engine ($embedded_prompts prompts of 2 s; one run each)"
  sed 's/^/   /' "$work/embedded.txt"
  [[ -n "${BENCH_EMBEDDED_ONLY:-}" ]] && exit 0
fi

# ── 1. No-op rebuild overhead ────────────────────────────────────────────────────────────────────────────────────
step "no-op rebuilds: first builds (the packaged project compiles its $noop_prompts prompts with the embedded engine)"
build_args=(--no-restore --nologo "-nodeReuse:$node_reuse")
for p in noop-with noop-without noop-emptyref; do
  (unset GENESYS_BASE_URL; dotnet build "$work/$p" "${build_args[@]}" >>"$log" 2>&1) || fail "first build of $p failed"
done
[[ -f "$work/noop-with/bin/Debug/net8.0/prompts/prompt-000.wav" ]] || fail "the packaged project did not compile its prompts"
stamp="$work/noop-with/obj/Debug/net8.0/ivr/compile.stamp"
stamp_before="$(stat -c %Y.%y "$stamp")"

noop_with="$work/noop-with.ms"; noop_without="$work/noop-without.ms"; noop_emptyref="$work/noop-emptyref.ms"
# Other work on the machine comes and goes: timing all runs of one project and then all of the other would charge
# a change of load to one of them. Both timers therefore interleave the two projects.
if command -v hyperfine >/dev/null 2>&1 && [[ -z "${BENCH_NO_HYPERFINE:-}" ]]; then
  rounds=$(( (noop_runs + 1) / 2 ))
  timer="hyperfine ($(hyperfine --version | cut -d' ' -f2)), $rounds rounds of 2 runs per project, alternating which goes first; 2 warm-up runs each"
  step "no-op rebuilds: $(( rounds * 2 )) timed runs each with hyperfine, interleaved"
  for round in $(seq "$rounds"); do
    with_cmd=(-n with "dotnet build $work/noop-with ${build_args[*]}")
    without_cmd=(-n without "dotnet build $work/noop-without ${build_args[*]}")
    emptyref_cmd=(-n emptyref "dotnet build $work/noop-emptyref ${build_args[*]}")
    case $(( round % 3 )) in
      0) order=("${with_cmd[@]}" "${without_cmd[@]}" "${emptyref_cmd[@]}") ;;
      1) order=("${without_cmd[@]}" "${emptyref_cmd[@]}" "${with_cmd[@]}") ;;
      *) order=("${emptyref_cmd[@]}" "${with_cmd[@]}" "${without_cmd[@]}") ;;
    esac
    (unset GENESYS_BASE_URL
     hyperfine -N --warmup "$(( round == 1 ? 2 : 0 ))" --runs 2 --export-json "$work/noop-$round.json" "${order[@]}" \
       >>"$log" 2>&1) || fail "hyperfine failed"
  done
  "$python" - "$noop_with" "$noop_without" "$noop_emptyref" "$work"/noop-*.json <<'EOF'
import json, sys
times = {"with": [], "without": [], "emptyref": []}
for path in sys.argv[4:]:
    for result in json.load(open(path))["results"]:
        times[result["command"]] += result["times"]
for name, path in (("with", sys.argv[1]), ("without", sys.argv[2]), ("emptyref", sys.argv[3])):
    open(path, "w").write("\n".join(str(round(t * 1000, 1)) for t in times[name]) + "\n")
EOF
else
  timer="bash date loop, interleaved (the three projects in turn, the first of each round rotating), 2 warm-up runs each"
  step "no-op rebuilds: $noop_runs timed runs each, interleaved"
  : >"$noop_with"; : >"$noop_without"; : >"$noop_emptyref"
  for i in $(seq -2 "$noop_runs"); do
    case $(( (i + 3) % 3 )) in
      0) order=(noop-with noop-without noop-emptyref) ;;
      1) order=(noop-without noop-emptyref noop-with) ;;
      *) order=(noop-emptyref noop-with noop-without) ;;
    esac
    for p in "${order[@]}"; do
      start=$(now_ms)
      (unset GENESYS_BASE_URL; dotnet build "$work/$p" "${build_args[@]}" >>"$log" 2>&1) || fail "no-op build of $p failed"
      (( i > 0 )) && echo $(( $(now_ms) - start )) >>"$work/$p.ms"
    done
  done
fi
# Where a no-op's time goes, from MSBuild's own clock (untimed runs: the summary costs a little itself). The time in
# the package's own targets is a direct measure, untouched by the start-up and evaluation noise of the wall clock.
step "no-op rebuilds: 10 runs each with -clp:PerformanceSummary"
for _ in $(seq 10); do
  for p in noop-with noop-without; do
    (unset GENESYS_BASE_URL; dotnet build "$work/$p" "${build_args[@]}" -clp:PerformanceSummary >"$work/perf.out" 2>>"$log") \
      || fail "profiled no-op build of $p failed"
    "$python" "$bench_dir/perf_summary.py" "$work/perf.out" >>"$work/$p.perf"
  done
done
# What was timed must have been a no-op: the compile target, which touches the stamp when it runs, never ran.
[[ "$(stat -c %Y.%y "$stamp")" == "$stamp_before" ]] || fail "a no-op rebuild ran the compile task"

if [[ -n "${BENCH_NOOP_ONLY:-}" ]]; then
  "$python" - "$work" "$timer" "$noop_prompts" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(dotnet --version)" <<'EOF'
import statistics, sys
work, timer, prompts, cores, load, sdk = sys.argv[1:]
ms = {p: [float(x) for x in open(f"{work}/noop-{p}.ms") if x.strip()] for p in ("with", "without", "emptyref")}
perf = {p: [list(map(float, l.split())) for l in open(f"{work}/noop-{p}.perf") if l.strip()] for p in ("with", "without")}
print(f"-- No-op rebuild ({prompts} prompts; {cores} cores, load {load}; sdk {sdk}; {timer})")
for p in ("with", "without", "emptyref"):
    v = sorted(ms[p])
    print(f"{p:8} median {statistics.median(v):7.1f} ms  p25 {v[len(v)//4]:7.1f}  p75 {v[3*len(v)//4]:7.1f}  n={len(v)}")
m_with, m_without = statistics.median(ms["with"]), statistics.median(ms["without"])
print(f"overhead on the median: {m_with - m_without:+.1f} ms ({(m_with / m_without - 1) * 100:+.1f} %); "
      f"an empty package instead: {(statistics.median(ms['emptyref']) / m_without - 1) * 100:+.1f} %")
paired = statistics.median(w - o for w, o in zip(ms["with"], ms["without"]))
print(f"paired (median of the differences within each round): {paired:+.1f} ms ({paired / m_without * 100:+.1f} %)")
for p in ("with", "without"):
    cols = list(zip(*perf[p]))
    print(f"MSBuild clock, {p:8}: evaluation {statistics.median(cols[0]):.0f} ms, project build {statistics.median(cols[1]):.0f} ms, package targets {statistics.median(cols[2]):.0f} ms (medians of {len(perf[p])})")
EOF
  exit 0
fi

# ── 2. Cold build against the emulator ───────────────────────────────────────────────────────────────────────────
port="$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base_url="http://127.0.0.1:$port"
step "starting the emulator on $base_url (LatencyMilliseconds=$latency_ms, rate limit off)"
dotnet "$emulator_dll" --urls "$base_url" "--Emulator:Faults:LatencyMilliseconds=$latency_ms" \
  --Emulator:RateLimit:RequestsPerWindow=0 >"$work/emulator.out" 2>&1 &
emulator_pid=$!
for _ in $(seq 100); do grep -q '^flow id:' "$work/emulator.out" && break; sleep 0.1; done
client_id="$(sed -n 's/^client id: //p' "$work/emulator.out")"
client_secret="$(sed -n 's/^client secret: //p' "$work/emulator.out")"
flow_id="$(sed -n 's/^flow id: //p' "$work/emulator.out" | head -n 1)"
[[ -n "$client_id" && -n "$flow_id" ]] || { cat "$work/emulator.out" >>"$log"; fail "the emulator did not start"; }

reset_engine() { curl -sf -X POST "$base_url/emulator/reset" >/dev/null || fail "emulator reset failed"; }
request_counts() { curl -sf "$base_url/emulator/requests"; }

# cold_build <label> [msbuild properties...]: COLD_RUNS timed builds; times to <label>.ms, in-task seconds from the
# audit log to <label>.task, request counts of the last run to <label>.requests.
cold_build() {
  local label="$1"; shift
  : >"$work/$label.ms"; : >"$work/$label.task"
  for _ in $(seq "$cold_runs"); do
    reset_engine
    rm -rf "$work/cold/bin" "$work/cold/obj/Debug"
    local start; start=$(now_ms)
    GENESYS_BASE_URL="$base_url" GENESYS_CLIENT_ID="$client_id" GENESYS_CLIENT_SECRET="$client_secret" \
      dotnet build "$work/cold" --no-restore --nologo "$@" >>"$log" 2>&1 || fail "cold build ($label) failed"
    echo $(( $(now_ms) - start )) >>"$work/$label.ms"
    "$python" -c 'import json, sys; r = json.loads(open(sys.argv[1]).read().splitlines()[-1]); print(r["totalDurationMs"], r["uploaded"])' \
      "$work/cold/obj/Debug/net8.0/ivr/audit.jsonl" >>"$work/$label.task" 2>>"$log" || echo "n/a" >>"$work/$label.task"
    request_counts >"$work/$label.requests"
  done
}
reference_pipeline() {
  : >"$work/reference.ms"; : >"$work/reference.task"
  for _ in $(seq "$cold_runs"); do
    reset_engine
    local start; start=$(now_ms)
    "$python" "$bench_dir/reference_pipeline.py" "$base_url" "$client_id" "$client_secret" "$flow_id" "$work/cold/prompts" \
      >"$work/reference.out" 2>>"$log" || { cat "$work/reference.out" >>"$log"; fail "the reference pipeline failed"; }
    echo $(( $(now_ms) - start )) >>"$work/reference.ms"
    "$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["seconds"] * 1000)' "$work/reference.out" >>"$work/reference.task"
    request_counts >"$work/reference.requests"
  done
}

step "cold builds: $cold_runs runs each of the reference pipeline and four build variants ($cold_prompts prompts)"
# One untimed run of each side first: the file cache, the emulator's JIT and (with node reuse) the MSBuild node are
# then as warm as on a developer's machine, and the first timed run is not an outlier.
cold_runs=1 reference_pipeline
cold_runs=1 cold_build warm-up
rm -f "$work"/warm-up.*
reference_pipeline
cold_build build-default
cold_build build-ceiling4 -p:IvrMaxParallelUploads=4
cold_build build-ceiling16 -p:IvrMaxParallelUploads=16
cold_build build-nodownload -p:IvrDownloadCompiledPrompts=false
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

# ── 3. Requests proportional to change (issue #12): 2,000 prompts, one edit; peak memory 2,000 vs 200 ───────────
# big_prompts prompts built cold against a reset engine, then one prompt edited and built again. Requests come from
# /emulator/requests (polls listed apart: how many a job needs depends on the machine), task time from the audit
# line, peak memory from /usr/bin/time (maximum resident set of the build, -nodeReuse:false so the task runs in it).
big_prompts="${BIG_PROMPTS:-2000}"
if [[ -z "${BENCH_SKIP_SCALE:-}" ]]; then
  step "scale: $big_prompts-prompt project, cold then one edited prompt; peak memory against the $cold_prompts-prompt one"
  write_project big with "$big_prompts"
  dotnet restore "$work/big" --nologo -v q >>"$log" 2>&1 || fail "restore of big failed"
  requests_delta() { "$python" -c 'import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
d = {k: v - a.get(k, 0) for k, v in b.items() if v - a.get(k, 0)}
polls = d.pop("GET /api/v2/media/compile/{id}", 0)
print(f"{sum(d.values())} requests + {polls} polls: " + ", ".join(f"{k} {v}" for k, v in sorted(d.items())))' "$1" "$2"; }
  timed_build() { # <label> <project>: build with peak memory and requests recorded
    local audit="$work/$2/obj/Debug/net8.0/ivr/audit.jsonl" runs_before task
    runs_before=0; [[ -f "$audit" ]] && runs_before=$(wc -l <"$audit")
    request_counts >"$work/$1.before"
    GENESYS_BASE_URL="$base_url" GENESYS_CLIENT_ID="$client_id" GENESYS_CLIENT_SECRET="$client_secret" \
      /usr/bin/time -f '%M' -o "$work/$1.rss" dotnet build "$work/$2" --no-restore --nologo -nodeReuse:false >>"$log" 2>&1 || fail "build $1 failed"
    request_counts >"$work/$1.after"
    # The task's time from the audit line this build added; an up-to-date build runs no task and adds none.
    if (( $(wc -l <"$audit") > runs_before )); then
      task="task $("$python" -c 'import json, sys; print(round(json.loads(open(sys.argv[1]).read().splitlines()[-1])["totalDurationMs"]))' "$audit") ms"
    else
      task="the task did not run (up to date)"
    fi
    echo "$1: $(requests_delta "$work/$1.before" "$work/$1.after"); peak RSS $(( $(cat "$work/$1.rss") / 1024 )) MB; $task" | tee -a "$work/scale.txt"
  }
  : >"$work/scale.txt"
  reset_engine; rm -rf "$work/cold/bin" "$work/cold/obj/Debug"
  timed_build cold-200 cold
  timed_build cold-2000 big
  timed_build noop-2000 big
  "$python" "$bench_dir/make_prompts.py" "$work/edit" 1 0.6 && cp "$work/edit/prompt-000.wav" "$work/big/prompts/prompt-001.wav"
  timed_build edit-2000 big
  echo "peak RSS, cold $big_prompts against cold $cold_prompts: $("$python" -c 'import sys; print(f"{int(open(sys.argv[1]).read()) / int(open(sys.argv[2]).read()):.2f}x")' "$work/cold-2000.rss" "$work/cold-200.rss")   target <= 1.5x" \
    | tee -a "$work/scale.txt"
fi

# ── Summary ──────────────────────────────────────────────────────────────────────────────────────────────────────
"$python" "$bench_dir/summary.py" "$work" \
  "machine=$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/^Mem:/ {print $2}') GB" \
  "sdk=$(dotnet --version)" "load=$load_after (1/5/15 min, after the runs)" "timer=$timer" \
  "noop=$noop_prompts prompts, $noop_runs runs each, dotnet build --no-restore -nodeReuse:$node_reuse" \
  "cold=$cold_prompts prompts (0.5 s, 8 kHz, 16-bit mono WAV), $cold_runs runs each, emulator latency $latency_ms ms per request"
[[ -f "$work/scale.txt" ]] && { echo "3. requests proportional to change ($big_prompts prompts; one run each)"; sed 's/^/   /' "$work/scale.txt"; }
