"""The short end-of-run summary for a terminal (plain text; colour only on a TTY)."""
from __future__ import annotations

from pathlib import Path

from ..findings import SEVERITIES
from ..result import Result


def summary_lines(result: Result, out_dir: Path | None, written: list[str]) -> list[str]:
    counts = {sev: 0 for sev in SEVERITIES}
    for finding in result.findings:
        counts[finding.severity] += 1
    total = len(result.findings)
    lines = [
        f"reassess: {result.target.files} files, {result.target.lines} lines, {total} findings "
        + "(" + ", ".join(f"{sev} {counts[sev]}" for sev in SEVERITIES) + ")",
    ]
    top = [f for f in result.findings if f.severity in ("CRITICAL", "HIGH")][:5]
    for finding in top:
        loc = finding.location
        lines.append(f"  {finding.severity:<8} {finding.rule} {loc.path}:{loc.start_line} {finding.title}")
    if out_dir is not None and written:
        lines.append(f"reports in {out_dir}: " + ", ".join(written))
    info = result.run_info
    if info:
        lines.append(f"took {info.get('seconds_total', 0):.2f} s "
                     f"(cache: {info.get('cache_hits', 0)} hits, {info.get('cache_misses', 0)} misses)")
    return lines
