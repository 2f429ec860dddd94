"""Score findings against a manifest of seeded defects and correct look-alikes.

A manifest entry names a file, a unique substring of the line to cite, a category and whether
it is a defect (must be cited) or a look-alike (must not be). Optional defects count for
neither recall nor false positives.
Usage: python tests/e2e/scoring.py ROOT MANIFEST_JSON
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path


def line_of(root: Path, entry: dict) -> int:
    lines = (root / entry["path"]).read_text(encoding="utf-8").splitlines()
    hits = [number for number, line in enumerate(lines, 1) if entry["contains"] in line]
    if len(hits) != 1:
        raise ValueError(f"{entry['path']}: {entry['contains']!r} occurs {len(hits)} times")
    return hits[0]


def score(root: Path, manifest: list[dict], findings: list[dict]) -> tuple[list[dict], list[dict]]:
    """(missed defects, flagged look-alikes)."""
    cited = {(f["location"]["path"], f["location"]["start_line"], f["category"]) for f in findings}
    missed = [e for e in manifest if e["kind"] == "defect" and not e.get("optional")
              and (e["path"], line_of(root, e), e["category"]) not in cited]
    flagged = [e for e in manifest if e["kind"] == "lookalike"
               and (e["path"], line_of(root, e), e["category"]) in cited]
    return missed, flagged


def cited_elsewhere(root: Path, missed: list[dict], findings: list[dict]) -> list[dict]:
    """Missed defects whose line is a related location of a finding of the same category: found,
    but cited at the other end (the call in the loop rather than the query, the outer lock
    rather than the inner). Never counted as found; reported so a reader can tell a detection
    gap from a citation choice."""
    related = {(loc["path"], loc["start_line"], f["category"]) for f in findings
               for loc in f.get("related_locations", ())}
    return [e for e in missed if (e["path"], line_of(root, e), e["category"]) in related]


def inside_span(root: Path, missed: list[dict], findings: list[dict]) -> list[dict]:
    """Missed defects whose line lies inside the cited lines of a finding of their category
    (after its start line: the read and the decision on it cited as one span). Never counted
    as found by `score`, which matches start lines only."""
    spans: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for f in findings:
        spans[f["location"]["path"], f["category"]].append((f["location"]["start_line"], f["location"]["end_line"]))
    inside = []
    for e in missed:
        line = line_of(root, e)
        if any(start < line <= end for start, end in spans.get((e["path"], e["category"]), ())):
            inside.append(e)
    return inside


def report(root: Path, manifest: list[dict], findings: list[dict]) -> str:
    missed, flagged = score(root, manifest, findings)
    defects = [e for e in manifest if e["kind"] == "defect" and not e.get("optional")]
    lookalikes = [e for e in manifest if e["kind"] == "lookalike"]
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # defects, missed, look-alikes, flagged
    for e in defects:
        per[e["category"]][0] += 1
    for e in missed:
        per[e["category"]][1] += 1
    for e in lookalikes:
        per[e["category"]][2] += 1
    for e in flagged:
        per[e["category"]][3] += 1
    elsewhere = cited_elsewhere(root, missed, findings)
    lines = [f"found {len(defects) - len(missed)} of {len(defects)} seeded defects; "
             f"flagged {len(flagged)} of {len(lookalikes)} look-alikes"]
    if elsewhere:
        lines.append(f"  of the missed, {len(elsewhere)} are named in a finding of their category at another "
                     f"line (as a related location): the same defect, cited by a different convention")
    spanned = inside_span(root, missed, findings)
    if spanned:
        lines.append(f"  of the missed, {len(spanned)} lie inside the cited lines of a finding of their category "
                     f"(below its start line)")
    for category, (n, miss, looks, flag) in sorted(per.items()):
        lines.append(f"  {category:<28} found {n - miss}/{n}  look-alikes flagged {flag}/{looks}")
    lines += [f"  missed: {e['path']}: {e['contains']} [{e['category']}]" for e in missed]
    lines += [f"  flagged look-alike: {e['path']}: {e['contains']} [{e['category']}]" for e in flagged]
    return "\n".join(lines)


if __name__ == "__main__":
    import tempfile

    from reassess.cli import main

    root, manifest = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as out:
        main(["assess", str(root), "--out", out, "--quiet", "--no-cache", "--format", "json"])
        findings = json.loads((Path(out) / "findings.json").read_text(encoding="utf-8"))["findings"]
    print(report(root, manifest, findings))
