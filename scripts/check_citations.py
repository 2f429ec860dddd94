"""Verify a findings.json against the tree it describes: every cited location exists and every
`evidence` equals the cited lines. Usage: python scripts/check_citations.py ROOT FINDINGS_JSON"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from reassess.source import decode, split_lines


def problems(root: Path, data: dict) -> list[str]:
    cache: dict[str, list[str]] = {}

    def lines(path: str) -> list[str] | None:
        if path not in cache:
            file = root / path
            cache[path] = split_lines(decode(file.read_bytes())[0]) if file.is_file() else None
        return cache[path]

    out = []
    for finding in data["findings"]:
        loc = finding["location"]
        text = lines(loc["path"])
        if text is None or not 1 <= loc["start_line"] <= loc["end_line"] <= len(text):
            out.append(f"{finding['rule']} {loc}: location does not exist")
            continue
        if finding["evidence"] != "\n".join(text[loc["start_line"] - 1: loc["end_line"]]):
            out.append(f"{finding['rule']} {loc}: evidence differs from the file")
        for related in finding["related_locations"]:
            rel_text = lines(related["path"])
            if rel_text is None or not 1 <= related["start_line"] <= related["end_line"] <= len(rel_text):
                out.append(f"{finding['rule']} related {related}: location does not exist")
    return out


if __name__ == "__main__":
    root, findings = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    found = problems(root, findings)
    print("\n".join(found) or f"all {len(findings['findings'])} findings cite existing lines verbatim")
    raise SystemExit(1 if found else 0)
