"""findings.json, per the findings contract: deterministic, no timestamps."""
from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..result import Result

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
        "findings": [finding.to_dict() for finding in result.findings],
    }


def render(result: Result) -> str:
    return json.dumps(to_data(result), indent=2, sort_keys=False, ensure_ascii=False, default=str) + "\n"
