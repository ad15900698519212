#!/usr/bin/env python3
"""Runs an ISO Schematron (argv[2], by default Benchmarks/checks.sch) with lxml over the files listed
in argv[1]; prints one line per report with the number of failed asserts. Used by
archive_benchmark.py."""
import os
import sys

from lxml import etree, isoschematron

HERE = os.path.dirname(os.path.abspath(__file__))
schematron = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "checks.sch")
schema = isoschematron.Schematron(etree.parse(schematron), store_report=True)
parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
failed = 0
for path in open(sys.argv[1]).read().split():
    document = etree.parse(path, parser)
    ok = schema.validate(document)
    failures = 0 if ok else len(schema.validation_report.findall(".//{http://purl.oclc.org/dsdl/svrl}failed-assert"))
    failed += failures > 0
    print(f"{path}\t{failures}")
print(f"{failed} reports with failed asserts", file=sys.stderr)
