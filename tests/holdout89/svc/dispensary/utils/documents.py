from __future__ import annotations

import logging
import subprocess
import zlib
from collections.abc import Iterable, Mapping
from typing import Any

logger = logging.getLogger(__name__)

_PAGE_LINES = 54


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _page_stream(lines: list[str]) -> bytes:
    parts = ["BT /F1 9 Tf 36 806 Td 11 TL"]
    for line in lines:
        parts.append(f"({_escape(line)}) '")
    parts.append("ET")
    return zlib.compress("\n".join(parts).encode("latin-1", "replace"), 9)


def _assemble(streams: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, stream in enumerate(streams, start=3):
        offsets.append(len(out))
        out += f"{number} 0 obj << /Length {len(stream)} /Filter /FlateDecode >> stream\n".encode()
        out += stream + b"\nendstream endobj\n"
    out += b"trailer << /Root 1 0 R >>\n%%EOF\n"
    return bytes(out)


def render_register_pdf(branch_code: str, rows: Iterable[Mapping[str, Any]]) -> bytes:
    """Render the controlled-substance register, one line per movement, running balance per drug."""
    balances: dict[str, int] = {}
    lines: list[str] = []
    for row in rows:
        drug = row["drug_code"]
        balances[drug] = balances.get(drug, 0) + int(row["delta"])
        lines.append(
            f"{row['created_at']:%Y-%m-%d %H:%M}  {drug:<12} {row['delta']:>+6} "
            f"{balances[drug]:>7}  {row['actor']:<12} {row['reason']}"
        )
    pages = [lines[i : i + _PAGE_LINES] for i in range(0, len(lines), _PAGE_LINES)] or [[]]
    header = f"Controlled substance register - branch {branch_code}"
    return _assemble([_page_stream([header, ""] + page) for page in pages])


def render_label_pdf(fields: Mapping[str, str]) -> bytes:
    lines = [f"{key.upper()}: {value}" for key, value in fields.items()]
    return _assemble([_page_stream(lines)])


def send_to_printer(document: bytes, printer: str) -> None:
    """Submit a PDF to the branch's CUPS queue."""
    result = subprocess.run(
        ["lp", "-d", printer, "-o", "media=Custom.62x100mm", "-"],
        input=document,
        capture_output=True,
        timeout=30,
        check=False,
    )
    if result.returncode != 0:
        logger.error("lp failed for %s: %s", printer, result.stderr.decode(errors="replace"))
        raise RuntimeError(f"printing to {printer} failed")
