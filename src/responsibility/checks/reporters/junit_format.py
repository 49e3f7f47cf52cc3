"""JUnit XML for CI dashboards: one test suite per file, one test case per finding.

Findings at or above ``--fail-on`` are failures; those below pass with the finding in
``system-out``; waived findings are skipped with the waiver's reason, approver and expiry.
A clean run is one passing test case, so a dashboard shows the check ran."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from responsibility.checks import Finding
from responsibility.checks.reporters import RenderOptions
from responsibility.checks.runner import Report


def _case(suite: ET.Element, f: Finding) -> ET.Element:
    name = f"{f.code} {f.name} {f.line}:{f.col}" + (f" {f.target}" if f.target else "")
    return ET.SubElement(suite, "testcase", {"classname": f.file, "name": name})


def _text(f: Finding) -> str:
    art = f"{f.provision}: " if f.provision else ""
    fix = f"\nfix: {f.hint}" if f.hint else ""
    return f"{f.location}: {f.severity.value} {f.code} {f.name}: {art}{f.message}{fix}"


def render(report: Report, options: RenderOptions) -> str:
    failing = {id(f) for f in report.failing()}
    root = ET.Element("testsuites", {"name": "responsibility check"})
    items: list[tuple[Finding, str | None]] = [(f, None) for f in report.findings]
    items += [
        (w.finding, f"waived by {w.waiver.approved_by} until {w.waiver.expires}: {w.waiver.reason}")
        for w in report.waived
    ]
    items.sort(key=lambda it: it[0])
    total = fails = skips = 0
    for file, group in groupby(items, key=lambda it: it[0].file):
        suite = ET.SubElement(root, "testsuite", {"name": file})
        n = nf = ns = 0
        for f, waived in group:
            case = _case(suite, f)
            n += 1
            if waived is not None:
                ET.SubElement(case, "skipped", {"message": waived})
                ns += 1
            elif id(f) in failing:
                fail = ET.SubElement(case, "failure", {"type": f.severity.value, "message": f.message})
                fail.text = _text(f)
                nf += 1
            else:
                ET.SubElement(case, "system-out").text = _text(f)
        suite.attrib.update({"tests": str(n), "failures": str(nf), "errors": "0", "skipped": str(ns)})
        total, fails, skips = total + n, fails + nf, skips + ns
    if total == 0:
        suite = ET.SubElement(root, "testsuite", {"name": "responsibility check"})
        ET.SubElement(
            suite, "testcase", {"classname": "responsibility", "name": "check " + " ".join(report.checked)}
        )
        suite.attrib.update({"tests": "1", "failures": "0", "errors": "0", "skipped": "0"})
        total = 1
    root.attrib.update({"tests": str(total), "failures": str(fails), "errors": "0", "skipped": str(skips)})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
