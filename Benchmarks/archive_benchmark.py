#!/usr/bin/env python3
"""Archive benchmark: conform against reference tools on the same files, in one run.

  python3 Benchmarks/archive_benchmark.py [N] [--jobs J] [--rounds R] [--schematron-rounds S] [--static] [--subset]

Generates N realistic reports (default 4000) under Benchmarks/work/archive-N (kept between runs),
builds conform in release mode, then measures on the same files:
  - conform check --format jsonl (all rule sets), output to /dev/null
  - xmllint --noout over every file in one process: the parse-only floor (Debian's libxml2-utils)
  - the same checks as ISO Schematron, run with lxml's isoschematron (pip lxml): what a user would
    otherwise pick. schematron_from_rules.py writes every rule of Rules/ (and each rule set's
    required tests) as Schematron, into Benchmarks/work/checks-from-rules.sch; what XPath 1.0
    cannot say (units; dates and times) it leaves out and says so. With --subset, also the hand-written
    subset of earlier sessions (Benchmarks/checks.sch, 27 asserts), for comparison with their figures.
It prints wall time, reports/s, MB/s and peak memory (max RSS) for each, and the ratios; then
whether conform and the Schematron fail the same reports (conform's verdicts from one more run).

With --static, conform is the installed build of the README (`--static-swift-stdlib`, built in
.build-static): the Swift runtime and Foundation linked into the binary.

The tools run in turn, R rounds of conform and xmllint (default 9) and S rounds of the Schematron
(default 1, in the first rounds: it takes half a minute a round, and its figure is far from its
target), and the figures are each tool's median round, its fastest given beside it: on a shared VM
one run of a tool can take a quarter longer than the next, and a ratio of two single runs compares
two moments. In each round conform and xmllint run one right after the other (which goes first
alternates), so the ratio of a round's two runs compares one moment of the machine; the median of
those ratios is printed beside the ratio of the medians. Every file is read once before the first
round, so that all rounds read them from the page cache.
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
    subset = take_flag(argv, "--subset")
    jobs = take_option(argv, "--jobs")
    rounds = int(take_option(argv, "--rounds", "9"))
    schematron_rounds = int(take_option(argv, "--schematron-rounds", "1"))
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
    schematron_failures = os.path.join(HERE, "work", f"schematron-{n}.txt")
    try:
        import lxml  # noqa: F401
        generated = os.path.join(HERE, "work", "checks-from-rules.sch")
        subprocess.run([sys.executable, os.path.join(HERE, "schematron_from_rules.py"), generated], check=True)
        tools["lxml Schematron"] = [sys.executable, os.path.join(HERE, "schematron_check.py"), listing, generated]
        if subset:
            tools["lxml Sch. (subset)"] = [sys.executable, os.path.join(HERE, "schematron_check.py"), listing]
    except ImportError:
        print("lxml not found: pip install lxml")
    # Every file read once before the rounds: the first tool of the first round would otherwise
    # read from the disk what the others then find in the page cache.
    for path in files:
        with open(path, "rb") as report:
            report.read()
    if schematron_rounds < 1:
        tools = {name: cmd for name, cmd in tools.items() if name.startswith("conform") or name.startswith("xmllint")}
    runs = {name: [] for name in tools}
    paired = "xmllint --noout" in tools
    ratios = []
    for number in range(rounds):
        order = list(tools)
        if number % 2 == 1 and paired:
            # conform and xmllint swap places every other round (each follows the other as often).
            a, b = order.index("conform"), order.index("xmllint --noout")
            order[a], order[b] = order[b], order[a]
        for name in order:
            if not name.startswith("conform") and not name.startswith("xmllint") and number >= schematron_rounds:
                continue
            # The Schematron's per-report lines are kept (for the agreement below); the rest is dropped.
            out = open(schematron_failures, "w") if name == "lxml Schematron" else devnull
            runs[name].append(run(tools[name], stdout=out, stderr=subprocess.DEVNULL))
        if paired:
            ratios.append(runs["conform"][-1][0] / runs["xmllint --noout"][-1][0])

    print(f"{rounds} rounds of conform and xmllint, one after the other, {min(rounds, schematron_rounds)} of the Schematron; "
          "wall s is the median round, (fastest) the fastest")
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
            ratio = median['conform'] / median[name]
            faster = f" (conform {1 / ratio:.1f}x faster)" if ratio < 1 else ""
            print(f"conform / {name}: {ratio:.2f}x the wall time (medians){faster}")
            if name == "xmllint --noout" and ratios:
                print(f"conform / {name}, round by round (two runs one after the other): median {statistics.median(ratios):.2f}x, "
                      f"from {min(ratios):.2f}x to {max(ratios):.2f}x")
    if "lxml Schematron" in runs:
        agreement(tools["conform"], schematron_failures, ROOT)


def agreement(conform, schematron_failures, root):
    """Whether conform's failing reports (any verdict but pass and conditional-pass) are the
    reports the Schematron fails (any failed assert): conform run once more, its report records
    picked out of the JSONL by grep."""
    import json
    check = subprocess.Popen(conform, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    records = subprocess.run(["grep", "-F", '"kind":"report"'], stdin=check.stdout, capture_output=True, text=True).stdout
    check.wait()
    failing_conform = set()
    for line in records.splitlines():
        record = json.loads(line)
        if record["verdict"] not in ("pass", "conditional-pass"):
            failing_conform.add(os.path.abspath(os.path.join(root, record["report"])))
    failing_schematron = set()
    for line in open(schematron_failures):
        path, _, failed = line.rstrip("\n").partition("\t")
        if failed and int(failed) > 0:
            failing_schematron.add(os.path.abspath(path))
    differ = failing_conform ^ failing_schematron
    print(f"failing reports: conform {len(failing_conform)}, Schematron {len(failing_schematron)}; "
          + ("the same reports" if not differ else f"{len(differ)} reports differ, e.g. {sorted(differ)[:3]}"))


if __name__ == "__main__":
    main()
