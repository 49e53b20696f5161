#!/usr/bin/env python3
"""Reads the output of `dotnet build -clp:PerformanceSummary` and prints one line:
<evaluation ms> <project build ms> <ms in the package's targets (IvrCompilePrompts, BeforeIvrCompile, AfterIvrCompile
and every _Ivr* target)>.

    perf_summary.py <build output file>
"""
import re
import sys

LINE = re.compile(r"^\s*(\d+) ms\s+(\S+)\s+\d+ calls")


def main():
    section = None
    evaluation = build = package_targets = 0
    with open(sys.argv[1]) as f:
        for line in f:
            if line.strip().endswith("Performance Summary:"):
                section = line.strip()
                continue
            match = LINE.match(line)
            if not match:
                continue
            ms, name = int(match.group(1)), match.group(2)
            if section == "Project Evaluation Performance Summary:":
                evaluation += ms
            elif section == "Project Performance Summary:":
                build += ms
            elif section == "Target Performance Summary:" and (
                    name.startswith("_Ivr") or name in ("IvrCompilePrompts", "BeforeIvrCompile", "AfterIvrCompile")):
                package_targets += ms
    print(evaluation, build, package_targets)
    return 0


if __name__ == "__main__":
    sys.exit(main())
