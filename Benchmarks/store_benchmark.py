#!/usr/bin/env python3
"""Audit-store benchmark: a first and a second `conform check --db` over the same unchanged archive.

  python3 Benchmarks/store_benchmark.py [N]

Generates N reports (default 2000) under Benchmarks/work/archive-N (kept between runs), builds
conform in release mode, and for each way of taking the output (JSONL to a file with --output,
JSONL to /dev/null, text to a file) runs `conform check --db` twice on a fresh store: the first run
evaluates and stores every report, the second finds every report unchanged and reuses it. It prints
both wall times and their ratio, and checks that both runs printed the same bytes (and the same as
a run without --db).
"""
import filecmp
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORK = os.path.join(HERE, "work")


def timed(cmd, stdout=subprocess.DEVNULL):
    # Every run starts with no dirty pages from the one before (the first run writes ~1 GB of
    # store and output, whose write-back would otherwise land in the second run's time).
    os.sync()
    start = time.perf_counter()
    status = subprocess.run(cmd, stdout=stdout, stderr=subprocess.DEVNULL).returncode
    if status == 2:
        sys.exit(f"failed: {' '.join(cmd)}")
    return time.perf_counter() - start


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    archive = os.path.join(WORK, f"archive-{n}")
    if not os.path.isdir(archive):
        print(f"generating {n} reports in {archive} ...", flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, "generate_reports.py"), "archive", str(n), archive], check=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "conform"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    conform = os.path.join(ROOT, ".build", "release", "conform")
    files = sum(len([f for f in fs if f.endswith(".xml")]) for _, _, fs in os.walk(archive))
    print(f"{files} reports, {2} cores; each line: first run (evaluate and store), second run (reuse), ratio")
    store = os.path.join(WORK, "store-benchmark.sqlite")
    cases = [
        ("JSONL --output file", "jsonl", "file"),
        ("JSONL to /dev/null", "jsonl", None),
        ("text to a file", "text", "stdout-file"),
    ]
    for title, fmt, target in cases:
        for suffix in ("", "-wal", "-shm", "-journal"):
            if os.path.exists(store + suffix):
                os.remove(store + suffix)
        outputs = []
        times = []
        for name in ("plain", "first", "second"):
            out = os.path.join(WORK, f"store-benchmark-{name}.{fmt}")
            cmd = [conform, "check", "--quiet", "--format", fmt, archive] + ([] if name == "plain" else ["--db", store])
            if target == "file":
                times.append(timed(cmd + ["--output", out]))
            elif target == "stdout-file":
                with open(out, "wb") as handle:
                    times.append(timed(cmd, stdout=handle))
            else:
                times.append(timed(cmd))
                out = None
            outputs.append(out)
        same = all(o is None for o in outputs) or all(filecmp.cmp(outputs[0], o, shallow=False) for o in outputs[1:])
        size = os.path.getsize(outputs[0]) / 1e6 if outputs[0] else 0
        print(f"{title:22s} without --db {times[0]:6.2f} s | first {times[1]:6.2f} s | second {times[2]:6.2f} s"
              f" | {times[1] / times[2]:5.1f}x faster | output {size:6.1f} MB | identical: {same}")
        for out in outputs:
            if out:
                os.remove(out)
    print(f"store: {os.path.getsize(store) / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
