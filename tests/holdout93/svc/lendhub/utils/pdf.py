"""Minimal disclosure PDF renderer (Loan Estimate / Closing Disclosure)."""
from __future__ import annotations

import zlib
from typing import Any


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _page_stream(lines: list[str]) -> bytes:
    parts = ["BT /F1 9 Tf 40 760 Td 11 TL"]
    for line in lines:
        parts.append(f"({_escape(line)}) '")
    parts.append("ET")
    return zlib.compress("\n".join(parts).encode("latin-1", "replace"), 9)


def render_disclosure(kind: str, data: dict[str, Any]) -> bytes:
    lines: list[str] = [f"{kind} for loan {data.get('loan_number')}"]
    for section, rows in data.get("sections", {}).items():
        lines.append(section.upper())
        for label, value in rows:
            lines.append(f"  {label:<48}{value:>18}")
    schedule = data.get("schedule", [])
    for month, row in enumerate(schedule, 1):
        lines.append(f"{month:>4} {row['payment']:>12} {row['principal']:>12} {row['interest']:>12} {row['balance']:>14}")
    pages = [lines[i:i + 60] for i in range(0, len(lines), 60)]
    body = b"".join(_page_stream(p) for p in pages)
    return b"%PDF-1.4\n" + body + b"\n%%EOF"
