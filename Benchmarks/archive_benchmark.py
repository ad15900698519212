#!/usr/bin/env python3
"""Archive benchmark: conform against reference tools on the same files, in one run.

  python3 Benchmarks/archive_benchmark.py [N] [--jobs J] [--rounds R] [--static]

Generates N realistic reports (default 4000) under Benchmarks/work/archive-N (kept between runs),
builds conform in release mode, then measures on the same files:
  - conform check --format jsonl (all rule sets), output to /dev/null
  - xmllint --noout over every file in one process: the parse-only floor (Debian's libxml2-utils)
  - the same kind of checks as ISO Schematron, run with lxml's isoschematron (pip lxml): what a
    user would otherwise pick. Benchmarks/checks.sch holds a subset of conform's rules; the subset
    favours Schematron.
It prints wall time, reports/s, MB/s and peak memory (max RSS) for each, and the ratios.

With --static, conform is the installed build of the README (`--static-swift-stdlib`, built in
.build-static): the Swift runtime and Foundation linked into the binary.

The tools run in turn, R rounds of each (default 3: conform, xmllint, Schematron, then again), and
the figures are each tool's median round, its fastest given beside it: on a shared VM one run of a
tool can take a quarter longer than the next, and a ratio of two single runs compares two moments.
"""
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

from arguments import take_flag, take_option

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run(cmd, **kw):
    """Runs cmd, returns (wall seconds, max RSS in MB, exit status)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main():
    argv = sys.argv[1:]
    static = take_flag(argv, "--static")
    jobs = take_option(argv, "--jobs")
    rounds = int(take_option(argv, "--rounds", "3"))
    n = int(argv[0]) if argv else 4000
    archive = os.path.join(HERE, "work", f"archive-{n}")
    if not os.path.isdir(archive):
        print(f"generating {n} reports in {archive} ...", flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, "generate_reports.py"), "archive", str(n), archive], check=True)
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(archive) for f in fs if f.endswith(".xml"))
    total_bytes = sum(os.path.getsize(f) for f in files)
    listing = os.path.join(HERE, "work", f"files-{n}.txt")
    with open(listing, "w") as out:
        out.write("\n".join(files) + "\n")
    print(f"archive: {len(files)} reports, {total_bytes / 1e6:.1f} MB ({total_bytes / len(files) / 1e3:.1f} KB each on average)")

    scratch = ".build-static" if static else ".build"
    subprocess.run(["swift", "build", "-c", "release", "--product", "conform", "--scratch-path", scratch]
                   + (["--static-swift-stdlib"] if static else []), cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    conform = os.path.join(ROOT, scratch, "release", "conform")
    devnull = open(os.devnull, "w")
    tools = {"conform": [conform, "check", "--format", "jsonl", "--quiet", "--files-from", listing] + (["--jobs", jobs] if jobs else [])}
    if shutil.which("xmllint"):
        tools["xmllint --noout"] = ["xmllint", "--noout"] + files
    else:
        print("xmllint not found: apt-get install libxml2-utils")
    try:
        import lxml  # noqa: F401
        tools["lxml isoschematron"] = [sys.executable, os.path.join(HERE, "schematron_check.py"), listing]
    except ImportError:
        print("lxml not found: pip install lxml")
    runs = {name: [] for name in tools}
    for _ in range(rounds):
        for name, cmd in tools.items():
            runs[name].append(run(cmd, stdout=devnull, stderr=devnull if name == "xmllint --noout" else None))

    print(f"{rounds} rounds of each tool, in turn; wall s is the median round, (fastest) the fastest")
    print(f"{'tool':<22}{'wall s':>9}{'(fastest)':>11}{'reports/s':>12}{'MB/s':>9}{'max RSS MB':>12}{'exit':>6}")
    median = {}
    for name, results in runs.items():
        walls = [wall for wall, _, _ in results]
        median[name] = statistics.median(walls)
        rss = max(r for _, r, _ in results)
        status = results[-1][2]
        wall = median[name]
        print(f"{name:<22}{wall:>9.2f}{min(walls):>11.2f}{len(files) / wall:>12.0f}{total_bytes / 1e6 / wall:>9.1f}{rss:>12.0f}{status:>6}")
    for name in runs:
        if name != "conform":
            print(f"conform / {name}: {median['conform'] / median[name]:.2f}x the wall time (medians)")


if __name__ == "__main__":
    main()
