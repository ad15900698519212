#!/usr/bin/env python3
"""Instruction counts: conform against xmllint on the same reports, counted by callgrind.

Wall times on a shared VM vary by a third from run to run; instructions do not. This counts, under
`valgrind --tool=callgrind`, the instructions of
  - `conform check --format jsonl --jobs 1` (all rule sets, output to /dev/null), and
  - `xmllint --noout` (the parse-only floor),
over the same first N reports (default 100) of the archive of archive_benchmark.py, and the cost of
conform's start-up alone (one report), so that the per-report figures leave it out.

    python3 Benchmarks/instruction_count.py [N] [ARCHIVE_SIZE]

Needs valgrind. conform is built in release mode and copied with `strip --strip-debug` (valgrind
cannot read Swift's DWARF 5). N=100 takes about a minute.
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def conform_tunables():
    """The allocator setting conform gives itself (`tunables` in Sources/conform/AllocatorTuning.swift)."""
    with open(os.path.join(ROOT, "Sources", "conform", "AllocatorTuning.swift"), encoding="utf-8") as source:
        match = re.search(r'static let tunables = "([^"]+)"', source.read())
    if not match:
        sys.exit("no `tunables` in Sources/conform/AllocatorTuning.swift")
    return match.group(1)


def instructions(cmd, out_file):
    """Instructions the command ran (callgrind's 'Collected'), its output discarded.

    For conform, GLIBC_TUNABLES is set as conform sets it when it checks many reports
    (AllocatorTuning in Sources/conform): conform then does not start a second time (callgrind would
    not follow it), and the one-report start-up is counted with the same allocator as the archive."""
    env = dict(os.environ)
    if os.path.basename(cmd[0]).startswith("conform"):
        env["GLIBC_TUNABLES"] = conform_tunables()
    result = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}"] + cmd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    match = re.search(r"Collected : (\d+)", result.stderr)
    if not match:
        sys.exit(f"callgrind gave no count for {cmd[0]}:\n{result.stderr[-2000:]}")
    return int(match.group(1))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    archive = os.path.join(HERE, "work", f"archive-{size}")
    if not os.path.isdir(archive):
        print(f"generating {size} reports in {archive} ...", flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, "generate_reports.py"), "archive", str(size), archive], check=True)
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(archive) for f in fs if f.endswith(".xml"))[:n]
    work = os.path.join(HERE, "work")
    listing = os.path.join(work, f"instructions-{n}.txt")
    with open(listing, "w") as out:
        out.write("\n".join(files) + "\n")

    subprocess.run(["swift", "build", "-c", "release", "--product", "conform"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    conform = os.path.join(work, "conform-stripped")
    subprocess.run(["strip", "--strip-debug", "-o", conform, os.path.join(ROOT, ".build", "release", "conform")], check=True)
    out_file = os.path.join(work, "callgrind.out")

    check = [conform, "check", "--format", "jsonl", "--jobs", "1", "--quiet"]
    start_up = instructions(check + [files[0]], out_file)
    whole = instructions(check + ["--files-from", listing], out_file)
    xmllint = instructions(["xmllint", "--noout"] + files, out_file)
    xmllint_one = instructions(["xmllint", "--noout", files[0]], out_file)

    per_report = (whole - start_up) / (n - 1)
    xmllint_per_report = (xmllint - xmllint_one) / (n - 1)
    print(f"{n} reports of {archive}")
    print(f"conform check --format jsonl --jobs 1: {whole / 1e6:,.0f} M instructions "
          f"(one report: {start_up / 1e6:,.0f} M, mostly loading the rules)")
    print(f"xmllint --noout:                       {xmllint / 1e6:,.0f} M instructions")
    print(f"per further report: conform {per_report / 1e6:.2f} M, xmllint {xmllint_per_report / 1e6:.2f} M: "
          f"{per_report / xmllint_per_report:.2f}x")


if __name__ == "__main__":
    main()
