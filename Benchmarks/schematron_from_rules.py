#!/usr/bin/env python3
"""conform's rules written as ISO Schematron, for the archive benchmark: the checks a user would
otherwise write and run with lxml, made from the same rule files so that they stay the same checks.

  python3 Benchmarks/schematron_from_rules.py OUT.sch

Every rule of every rule set in Rules/ (and each rule set's required tests) becomes an assert in a
Schematron rule whose context is what the rule runs on: the tests of its types (and sample levels),
the samples of its levels, or the report, in reports that claim the rule set's standard and edition
(every report for a rule set marked everyReport). `when` and `exempt` become `not(...) or ...`. Rules
sharing a context share a Schematron rule; rules whose contexts could match the same element go to
different patterns (a Schematron pattern fires one rule per element).

What Schematron cannot say, it does not: values are compared as written, without units (a limit of
"2 h" is the number 2; "%" is read as a hundredth), and a rule that compares dates or times is left
out (XPath 1.0 has no date arithmetic). The script prints how many rules it translated and left out.
"""
import glob
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NS = "urn:conform:battery-test-report:1"


class Untranslatable(Exception):
    """A rule that XPath 1.0 cannot express (dates and times)."""


TOKEN = re.compile(r"""\s*(?:
    (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?) |
    (?P<string>"[^"]*") |
    (?P<op><=|>=|==|!=|<|>|\(|\)|,|\+|-|\*|/) |
    (?P<name>[A-Za-z_%][A-Za-z0-9_.%/]*)
)""", re.X)
KEYWORDS = {"and", "or", "not"}
PATH = re.compile(r"(observation|measurement|condition|property|event|sample|test|report)\.")
FUNCTIONS = {"within", "exists", "count", "statement"}

SAMPLE_ATTRIBUTES = {"id", "level", "chemistry", "model", "serial", "received", "state"}
TEST_ATTRIBUTES = {"id": "@id", "type": "@type", "start": "@start", "end": "@end", "standard": "@standard",
                   "clause": "@clause", "result": "b:result", "startDate": "@start", "endDate": "@end"}
DATES = {("sample", "received"), ("test", "start"), ("test", "end"), ("test", "startDate"), ("test", "endDate"),
         ("report", "issued")}
PARTIES = {"laboratory": "b:laboratory", "customer": "b:customer", "manufacturer": "b:manufacturer"}
REPORT_FIELDS = {"title": "b:title", "deviations": "b:deviations", "decisionRule": "b:decisionRule/@kind",
                 "conclusion": "b:conclusion", "signatoryName": "b:signatory/@name",
                 "signatoryTitle": "b:signatory/@title", "issued": "@issued", "id": "@id", "language": "@language"}


def tokens(text):
    position, out = 0, []
    while position < len(text):
        match = TOKEN.match(text, position)
        if not match or match.end() == position:
            if text[position:].strip() == "":
                break
            raise ValueError(f"cannot read {text[position:]!r}")
        position = match.end()
        kind = match.lastgroup
        out.append((kind, match.group(kind)))
    return out


class Translator:
    """One expression of one rule to XPath 1.0, read from the rule's context element."""

    def __init__(self, text, scope):
        self.items = tokens(text)
        self.index = 0
        self.scope = scope  # "test", "sample" or "report"

    def peek(self, offset=0):
        index = self.index + offset
        return self.items[index] if index < len(self.items) else (None, None)

    def take(self, value=None):
        item = self.peek()
        if value is not None and item[1] != value:
            raise ValueError(f"expected {value!r}, found {item[1]!r}")
        self.index += 1
        return item

    def translate(self):
        result = self.disjunction()
        if self.index != len(self.items):
            raise ValueError(f"left over: {self.items[self.index:]}")
        return result[0]

    # Each production returns (xpath, kind): kind is "bool", "num", "str", "nodes", "percent" or
    # "date".
    def disjunction(self):
        return self.chain({"or": "or"}, self.conjunction, wrap=True, operands=self.boolean, kind="bool")

    def conjunction(self):
        return self.chain({"and": "and"}, self.negation, wrap=False, operands=self.boolean, kind="bool")

    def chain(self, operators, operand, wrap, operands, kind):
        """`operand (operator operand)*`, left to right; each operand written by `operands`."""
        left = operand()
        while self.peek()[1] in operators:
            op = operators[self.take()[1]]
            right = operand()
            if "date" in (left[1], right[1]):
                raise Untranslatable("times in arithmetic")
            joined = f"{operands(left)} {op} {operands(right)}"
            left = (f"({joined})" if wrap else joined, kind)
        return left

    def negation(self):
        if self.peek()[1] == "not":
            self.take()
            kind, value = self.peek()
            if kind == "name" and value.startswith("observation."):
                self.take()
                return (f"b:observation[@name='{value.split('.', 1)[1]}']/@value='false'", "bool")
            return (f"not({self.boolean(self.negation())})", "bool")
        return self.comparison()

    def comparison(self):
        left = self.additive()
        if self.peek()[1] in ("<", "<=", ">", ">=", "==", "!="):
            op = self.take()[1]
            op = "=" if op == "==" else op
            right = self.additive()
            if "date" in (left[1], right[1]):
                raise Untranslatable("dates compared")
            if left[1] == "str" or right[1] == "str":
                return (f"{left[0]} {op} {right[0]}", "bool")
            left, right = self.percent(left, right), self.percent(right, left)
            return (f"{self.number(left)} {op} {self.number(right)}", "bool")
        return left

    def additive(self):
        return self.chain({"+": "+", "-": "-"}, self.multiplicative, wrap=True, operands=self.number, kind="num")

    def multiplicative(self):
        return self.chain({"*": "*", "/": "div"}, self.unary, wrap=False, operands=self.number, kind="num")

    def unary(self):
        if self.peek()[1] == "-":
            self.take()
            return (f"-{self.number(self.unary())}", "num")
        return self.primary()

    def primary(self):
        kind, value = self.take()
        if value == "(":
            inner = self.disjunction()
            self.take(")")
            return (f"({inner[0]})", inner[1])
        if kind == "number":
            # A unit follows most numbers: compared as written, except "%", a hundredth.
            unit_kind, unit = self.peek()
            if unit_kind == "name" and unit not in KEYWORDS and unit not in FUNCTIONS and not PATH.match(unit):
                self.take()
                if unit == "%":
                    return (value, "percent")
            return (value, "num")
        if kind == "string":
            return (f"'{value[1:-1]}'", "str")
        if kind == "name" and value in FUNCTIONS:
            return self.function(value)
        if kind == "name":
            return self.path(value)
        raise ValueError(f"unexpected {value!r}")

    def function(self, name):
        self.take("(")
        if name == "within":
            x = self.additive()
            self.take(",")
            centre = self.additive()
            self.take(",")
            tolerance = self.additive()
            self.take(")")
            centre, tolerance = self.percent(centre, x), self.percent(tolerance, x)
            x, centre, tolerance = self.number(x), self.number(centre), self.number(tolerance)
            return (f"({x} - {centre} <= {tolerance} and {centre} - {x} <= {tolerance})", "bool")
        if name == "exists":
            _, path = self.take()
            self.take(")")
            return (self.path(path, exists=True)[0], "nodes")
        if name == "count":
            _, test_type = self.take()
            self.take(")")
            return (f"count(/b:report/b:test[@type='{test_type[1:-1]}'])", "num")
        if name == "statement":
            _, statement = self.take()
            self.take(")")
            return (f"/b:report/b:statement[@kind='{statement[1:-1]}']", "nodes")
        raise ValueError(name)

    def sample(self):
        """The sample the rule reads: a test's own, the sample itself, or (as conform's report
        rules do) the report's first."""
        return {"test": "../b:sample[@id=current()/@sample]", "sample": ".", "report": "b:sample[1]"}[self.scope]

    def path(self, path, exists=False):
        kind, _, name = path.partition(".")
        if kind == "observation":
            node = f"b:observation[@name='{name}']"
            return (node, "nodes") if exists else (f"{node}/@value='true'", "bool")
        if kind in ("measurement", "condition"):
            node = f"b:{kind}[@name='{name}']"
            return (node, "nodes") if exists else (f"number({node}/@value)", "num")
        if kind == "property":
            node = f"{self.sample()}/b:property[@name='{name}']"
            return (node, "nodes") if exists else (f"number({node}/@value)", "num")
        if kind == "event":
            if not exists:
                raise Untranslatable("event times")
            return (f"b:event[@name='{name}']", "nodes")
        if (kind, name) in DATES and not exists:
            return (path, "date")
        if kind == "sample":
            if name == "description":
                return (f"{self.sample()}/b:description", "str")
            if name in SAMPLE_ATTRIBUTES:
                return (f"{self.sample()}/@{name}", "str")
        if kind == "test" and name in TEST_ATTRIBUTES:
            return (TEST_ATTRIBUTES[name], "str")
        if kind == "report":
            prefix = "" if self.scope == "report" else "/b:report/"
            for party, element in PARTIES.items():
                if name.startswith(party):
                    return (f"{prefix}{element}/@{name[len(party):].lower()}", "str")
            if name in REPORT_FIELDS:
                field = REPORT_FIELDS[name]
                return (f"{prefix}{field}" if prefix else field, "str")
        raise ValueError(f"no XPath for {path}")

    @staticmethod
    def percent(item, other):
        """A limit in %: as written against a value read as written (`50` of a humidity in %), a
        hundredth against a computed ratio (`ocvAfter / ocvBefore >= 90 %`)."""
        if item[1] != "percent":
            return item
        read_as_written = other[1] == "num" and re.fullmatch(r"number\([^()]*(\([^()]*\))?[^()]*\)", other[0])
        return (item[0], "num") if read_as_written else (f"{item[0]} div 100", "num")

    @staticmethod
    def boolean(item):
        return f"boolean({item[0]})" if item[1] in ("nodes", "str") and not item[0].startswith("(") else item[0]

    @staticmethod
    def number(item):
        if item[1] in ("nodes", "str"):
            return f"number({item[0]})"
        if item[1] == "percent":
            return f"{item[0]} div 100"
        return item[0]


def rule_sets():
    """(standard, edition, everyReport, manifest, rules) for each rule set directory."""
    for manifest_path in sorted(glob.glob(os.path.join(ROOT, "Rules", "*", "*", "manifest.yaml"))):
        directory = os.path.dirname(manifest_path)
        manifest = yaml.safe_load(open(manifest_path, encoding="utf-8"))
        files = [path for path in sorted(glob.glob(os.path.join(directory, "*.yaml"))) if not path.endswith("manifest.yaml")]
        files += [os.path.normpath(os.path.join(directory, include)) for include in manifest.get("include", [])]
        rules = []
        for path in files:
            rules += (yaml.safe_load(open(path, encoding="utf-8")) or {}).get("rules", [])
        edition = str(manifest["edition"])
        if manifest.get("amendment"):
            edition += f"' and @amendment='{manifest['amendment']}"
        yield manifest["standard"], edition, bool(manifest.get("everyReport")), manifest, rules


def quote(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def context(standard, edition, every_report, scope, levels, test_types):
    claim = "" if every_report else f"/b:report/b:standard[@code='{standard}' and @edition='{edition}']"
    level_test = " or ".join(f"@level='{level}'" for level in levels)
    if scope == "report":
        conditions = [claim] if claim else []
        if levels:
            conditions.append(f"b:sample[{level_test}]")
        return "b:report" + "".join(f"[{c}]" for c in conditions)
    if scope == "sample":
        conditions = [claim] if claim else []
        if levels:
            conditions.append(level_test)
        return "b:sample" + "".join(f"[{c}]" for c in conditions)
    conditions = [claim] if claim else []
    if test_types and "*" not in test_types:
        conditions.append(" or ".join(f"@type='{t}'" for t in test_types))
    if levels:
        conditions.append(f"../b:sample[@id=current()/@sample][{level_test}]")
    return "b:test" + "".join(f"[{c}]" for c in conditions)


def overlaps(a, b):
    """Whether two rule contexts (scope, levels, test types) could match one element."""
    if a[0] != b[0]:
        return False
    if a[1] and b[1] and not set(a[1]) & set(b[1]):
        return False
    if a[0] == "test" and a[2] and b[2] and "*" not in a[2] and "*" not in b[2] and not set(a[2]) & set(b[2]):
        return False
    return True


def generate():
    translated, left_out, asserts_total = 0, [], 0
    patterns = []  # (rule set key, [(context key, context xpath, [asserts])])
    for standard, edition, every_report, manifest, rules in rule_sets():
        groups = {}
        for rule in rules:
            scope = rule.get("scope", "test")
            levels = tuple(sorted(rule.get("levels") or []))
            test_types = tuple(sorted(rule.get("testTypes") or []))
            try:
                test = Translator(rule["require"], scope).translate()
                for key in ("when", "exempt"):
                    if key in rule:
                        condition = Translator(rule[key], scope).translate()
                        test = f"not({condition}) or ({test})" if key == "when" else f"({condition}) or ({test})"
            except Untranslatable as reason:
                left_out.append((rule["id"], str(reason)))
                continue
            key = (scope, levels, test_types)
            groups.setdefault(key, []).append((rule["id"].replace("{set}", f"{manifest['standard']}@{manifest['edition']}"), test))
            translated += 1
        # Required tests: per sample level, each required type (alternatives with "|"), unless exempt.
        for level, required in (manifest.get("requiredTests") or {}).items():
            for entry in required:
                test_type, exempt = (entry, None) if isinstance(entry, str) else (entry["test"], entry.get("exempt"))
                present = " or ".join(f"b:test[@type='{t}']" for t in test_type.split("|"))
                # Not required when no sample has the level, or (as conform reads an exemption)
                # when every sample of the level shows the exemption.
                exempted = f"[not({Translator(exempt, 'sample').translate()})]" if exempt else ""
                test = f"not(b:sample[@level='{level}']{exempted}) or {present}"
                groups.setdefault(("report", (), ()), []).append((f"{manifest['standard']}@{manifest['edition']}/required/{level}/{test_type}", test))
        placed = []
        for key, asserts in groups.items():
            asserts_total += len(asserts)
            for pattern in placed:
                if not any(overlaps(key, other) for other, _, _ in pattern):
                    pattern.append((key, context(standard, edition, every_report, *key), asserts))
                    break
            else:
                placed.append([(key, context(standard, edition, every_report, *key), asserts)])
        patterns += placed
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             "<!-- Generated by Benchmarks/schematron_from_rules.py from Rules/: do not edit. -->",
             '<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt">',
             f'  <ns prefix="b" uri="{NS}"/>']
    for number, pattern in enumerate(patterns, 1):
        lines.append(f'  <pattern id="p{number}">')
        for _, xpath, asserts in pattern:
            lines.append(f'    <rule context="{quote(xpath)}">')
            for rule_id, test in asserts:
                lines.append(f'      <assert test="{quote(test)}">{quote(rule_id)}</assert>')
            lines.append("    </rule>")
        lines.append("  </pattern>")
    lines.append("</schema>")
    return "\n".join(lines) + "\n", translated, left_out, asserts_total, len(patterns)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    text, translated, left_out, asserts, patterns = generate()
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        out.write(text)
    print(f"{translated} rules translated, {len(left_out)} left out (dates or times: "
          f"{', '.join(rule_id for rule_id, _ in left_out)}); {asserts} asserts in {patterns} patterns", file=sys.stderr)


if __name__ == "__main__":
    main()
