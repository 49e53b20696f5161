#!/usr/bin/env python3
"""Times no-op builds of several projects, interleaved, and prints each one's overhead over the first as the median
of the differences within each round (the projects of a round are built back to back, so a change of the machine's
load moves all of them) with a 90 % bootstrap interval. A benchmark helper, not a test.

    paired_noop.py <rounds> <baseline project folder> <project folder>...

Each project is built twice untimed first; every build is `dotnet build <folder> --no-restore -v q` and must succeed.
The order of the projects rotates from one round to the next and reverses every other round.
"""
import os
import random
import statistics
import subprocess
import sys
import time


def build(folder, env):
    start = time.perf_counter()
    process = subprocess.Popen(["dotnet", "build", folder, "--no-restore", "--nologo", "-v", "q"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, _ = os.wait4(process.pid, 0)
    if status != 0:
        sys.exit(f"paired_noop: the build of {folder} failed")
    return (time.perf_counter() - start) * 1000


def interval(values, rounds=2000, seed=18):
    rng = random.Random(seed)
    medians = sorted(statistics.median(rng.choices(values, k=len(values))) for _ in range(rounds))
    return medians[int(0.05 * rounds)], medians[int(0.95 * rounds)]


def main():
    rounds, folders = int(sys.argv[1]), sys.argv[2:]
    env = dict(os.environ)
    env.pop("GENESYS_BASE_URL", None)
    times = {folder: [] for folder in folders}
    for folder in folders:
        build(folder, env)
        build(folder, env)
    for index in range(rounds):
        order = folders[index % len(folders):] + folders[:index % len(folders)]
        if (index // len(folders)) % 2:
            order.reverse()
        for folder in order:
            times[folder].append(build(folder, env))
    baseline = times[folders[0]]
    print(f"{os.path.basename(folders[0]):<24} median {statistics.median(baseline):7.1f} ms  ({rounds} rounds)")
    for folder in folders[1:]:
        differences = [t - b for t, b in zip(times[folder], baseline)]
        paired = statistics.median(differences)
        low, high = interval(differences)
        print(f"{os.path.basename(folder):<24} median {statistics.median(times[folder]):7.1f} ms  paired "
              f"{paired:+6.1f} ms = {100 * paired / statistics.median(baseline):+.1f} %  (90 % interval {low:+.1f} .. {high:+.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
