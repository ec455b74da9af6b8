#!/usr/bin/env python3
"""Per-ping instruction counts by function: the difference between two
callgrind profiles (a run with more pings minus one with fewer) divided by
the difference in pings, so start-up and connection costs cancel out.

usage: cgdiff.py FEWER.out MORE.out PINGS [exclusive|inclusive] [TOP] [ONLY]
       cgdiff.py PROFILE.out - PINGS ...   (one profile that covered PINGS pings only)
ONLY keeps the functions whose line contains it (e.g. "/corridord]": the
daemon's own code and the Swift packages linked into it, not the runtime).
"""
import re
import subprocess
import sys


def load(path, inclusive):
    if path == "-":
        return {}, 0
    text = subprocess.run(
        ["callgrind_annotate", "--threshold=100", f"--inclusive={'yes' if inclusive else 'no'}", path],
        capture_output=True, text=True, check=True).stdout
    functions, started = {}, False
    for line in text.splitlines():
        if "file:function" in line:
            started = True
            continue
        match = re.match(r"\s*([\d,]+)\s+\([^)]*\)\s+(.*)$", line) if started else None
        if match:
            name = match.group(2)
            functions[name] = functions.get(name, 0) + int(match.group(1).replace(",", ""))
    total = 0
    with open(path) as profile:
        for line in profile:
            if line.startswith("totals:"):
                total = int(line.split()[1])
    return functions, total


def main():
    fewer_path, more_path, pings = sys.argv[1], sys.argv[2], int(sys.argv[3])
    inclusive = len(sys.argv) > 4 and sys.argv[4] == "inclusive"
    top = int(sys.argv[5]) if len(sys.argv) > 5 else 25
    only = sys.argv[6] if len(sys.argv) > 6 else None
    if more_path == "-":
        (more, more_total), (fewer, fewer_total) = load(fewer_path, inclusive), ({}, 0)
    else:
        (fewer, fewer_total), (more, more_total) = load(fewer_path, inclusive), load(more_path, inclusive)
    per_ping_total = (more_total - fewer_total) / pings
    print(f"instructions per ping: {per_ping_total:,.0f}")
    rows = sorted((((more.get(k, 0) - fewer.get(k, 0)) / pings, k) for k in set(more) | set(fewer)), reverse=True)
    if only:
        rows = [row for row in rows if only in row[1]]
    for value, name in rows[:top]:
        name = name.removeprefix("???:")
        share = 100 * value / per_ping_total if per_ping_total else 0
        print(f"{value:9,.0f} {share:5.1f}%  {name[:180]}")


if __name__ == "__main__":
    main()
