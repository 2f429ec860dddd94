"""Where reports go and writing them: the only code that writes into the analysed tree."""
from __future__ import annotations

import re
from pathlib import Path

from .report import architecture, code_review, json_report, sarif
from .result import Result

FORMATS = ("md", "json", "sarif")
_ASSESSMENT = re.compile(r"^assessment[\s_-]*(\d+)$", re.IGNORECASE)


def default_out_dir(root: Path) -> Path:
    """`ROOT/docs/assessment N` with N one more than the highest existing `docs/assessment*N`."""
    docs = root / "docs"
    highest = 0
    if docs.is_dir():
        for child in docs.iterdir():
            match = _ASSESSMENT.match(child.name)
            if match and child.is_dir():
                highest = max(highest, int(match.group(1)))
    return docs / f"assessment {highest + 1}"


def write_reports(result: Result, out_dir: Path, formats: list[str], run_date: str | None) -> list[str]:
    """Write the requested reports (findings.json always); return the file names written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    files: dict[str, str] = {"findings.json": json_report.render(result)}
    if "md" in formats:
        files["01_ARCHITECTURE_ASSESSMENT.md"] = architecture.render(result, run_date)
        files["03_CODE_EXPERT_REVIEW.md"] = code_review.render(result, run_date)
    if "sarif" in formats:
        files["findings.sarif"] = sarif.render(result)
    for name, text in files.items():
        (out_dir / name).write_text(text, encoding="utf-8")
    return sorted(files)
