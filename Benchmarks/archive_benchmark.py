#!/usr/bin/env python3
"""Archive benchmark: conform against reference tools on the same files, in one run.

  python3 Benchmarks/archive_benchmark.py [N] [--jobs J]

Generates N realistic reports (default 4000) under Benchmarks/work/archive-N (kept between runs),
builds conform in release mode, then measures on the same files:
  - conform check --format jsonl (all rule sets), output to /dev/null
  - xmllint --noout over every file in one process: the parse-only floor (Debian's libxml2-utils)
  - the same kind of checks as ISO Schematron, run with lxml's isoschematron (pip lxml): what a
    user would otherwise pick. Benchmarks/checks.sch holds a subset of conform's rules; the subset
    favours Schematron.
It prints wall time, reports/s, MB/s and peak memory (max RSS) for each, and the ratios.
"""
import os
import resource
import shutil
import subprocess
import sys
import time

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
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 4000
    jobs = None
    if "--jobs" in sys.argv:
        jobs = sys.argv[sys.argv.index("--jobs") + 1]
        args = [a for a in args if a != jobs]
        n = int(args[0]) if args else 4000
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

    subprocess.run(["swift", "build", "-c", "release", "--product", "conform"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    conform = os.path.join(ROOT, ".build", "release", "conform")
    results = {}
    devnull = open(os.devnull, "w")
    cmd = [conform, "check", "--format", "jsonl", "--quiet", "--files-from", listing] + (["--jobs", jobs] if jobs else [])
    results["conform"] = run(cmd, stdout=devnull)
    if shutil.which("xmllint"):
        results["xmllint --noout"] = run(["xmllint", "--noout"] + files, stdout=devnull, stderr=devnull)
    else:
        print("xmllint not found: apt-get install libxml2-utils")
    try:
        import lxml  # noqa: F401
        results["lxml isoschematron"] = run([sys.executable, os.path.join(HERE, "schematron_check.py"), listing], stdout=devnull)
    except ImportError:
        print("lxml not found: pip install lxml")

    print(f"{'tool':<22}{'wall s':>9}{'reports/s':>12}{'MB/s':>9}{'max RSS MB':>12}{'exit':>6}")
    for name, (wall, rss, status) in results.items():
        print(f"{name:<22}{wall:>9.2f}{len(files) / wall:>12.0f}{total_bytes / 1e6 / wall:>9.1f}{rss:>12.0f}{status:>6}")
    base = results.get("conform")
    for name, (wall, _, _) in results.items():
        if name != "conform" and base:
            print(f"conform / {name}: {base[0] / wall:.2f}x the wall time")


if __name__ == "__main__":
    main()
