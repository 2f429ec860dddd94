"""findings.json, per the findings contract: deterministic, no timestamps."""
from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..result import Result
from .coverage import coverage_lines

SCHEMA_VERSION = 1


def to_data(result: Result) -> dict[str, Any]:
    target = result.target
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "reassess", "version": __version__},
        "target": {"root": target.root, "commit": target.commit, "files": target.files, "lines": target.lines},
        "metrics": result.metrics,
        "components": result.components,
        "flows": result.system.get("flows", []),
        "examined": result.examined,
        "rules_run": result.rules_run,
        "notes": result.notes,
        "frameworks": {**result.system.get("frameworks", {}), "coverage": coverage_lines(result)},
        "findings": [finding.to_dict() for finding in result.findings],
    }


def render(result: Result) -> str:
    """One top-level key per line and one finding per line: readable, diff-friendly, and
    encoded by json's C encoder (an `indent` would switch to the slow pure-Python one)."""
    data = to_data(result)
    findings = data.pop("findings")
    lines = [f"  {_encode(key)}: {_encode(value)}," for key, value in data.items()]
    items = ",\n".join(f"    {_encode(item)}" for item in findings)
    lines.append(f'  "findings": [\n{items}\n  ]' if findings else '  "findings": []')
    return "{\n" + "\n".join(lines) + "\n}\n"


def _encode(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)
