#!/usr/bin/env python3
"""Two builds of conform compared on the same archive, their runs interleaved.

  python3 Benchmarks/compare_builds.py OLD_BINARY NEW_BINARY [ROUNDS] [--reports N] [--jobs J]

Wall and CPU times on a shared VM drift by a quarter within minutes, so a figure taken for one
build and later for another compares two moments, not two builds. This runs the builds in turn
(old, new, old, new, ...) ROUNDS times (default 8) over the archive of archive_benchmark.py
(default N = 4000; run that first to generate it), each `conform check --format jsonl --quiet`
with output to /dev/null, and prints for each build the median and minimum of its CPU time (user +
system, from the kernel's accounting of the child) and wall time, and the change of the medians.

Keep a copy of a build before changing the code, e.g.
    cp .build/release/conform /tmp/conform-before
and compare it with the new build afterwards.
"""
import os
import statistics
import subprocess
import sys
import time

from arguments import take_option

HERE = os.path.dirname(os.path.abspath(__file__))


def run(binary, listing, jobs):
    """CPU seconds (user + system) and wall seconds of one check over the listing."""
    cmd = [binary, "check", "--format", "jsonl", "--quiet", "--files-from", listing]
    if jobs:
        cmd += ["--jobs", jobs]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{binary} exited with status {code}")
    return usage.ru_utime + usage.ru_stime, wall


def main():
    args = sys.argv[1:]
    reports = take_option(args, "--reports", "4000")
    jobs = take_option(args, "--jobs")
    if len(args) < 2:
        sys.exit(__doc__)
    old, new = args[0], args[1]
    rounds = int(args[2]) if len(args) > 2 else 8
    listing = os.path.join(HERE, "work", f"files-{reports}.txt")
    if not os.path.exists(listing):
        sys.exit(f"{listing} is missing: run python3 Benchmarks/archive_benchmark.py {reports} first")
    times = {old: [], new: []}
    for round in range(rounds):
        for binary in (old, new):
            cpu, wall = run(binary, listing, jobs)
            times[binary].append((cpu, wall))
            print(f"round {round + 1}: {os.path.basename(binary):24} CPU {cpu * 1000:7.0f} ms  wall {wall * 1000:7.0f} ms", flush=True)
    print()
    medians = {}
    for binary in (old, new):
        cpu = [c for c, _ in times[binary]]
        wall = [w for _, w in times[binary]]
        medians[binary] = statistics.median(cpu)
        print(f"{binary}: CPU median {statistics.median(cpu) * 1000:.0f} ms, minimum {min(cpu) * 1000:.0f} ms; "
              f"wall median {statistics.median(wall) * 1000:.0f} ms, minimum {min(wall) * 1000:.0f} ms")
    change = (medians[new] - medians[old]) / medians[old] * 100
    print(f"CPU median, new against old: {change:+.1f} %")


if __name__ == "__main__":
    main()
