from __future__ import annotations

import io
import zlib
from decimal import Decimal


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def render_statement_pdf(title: str, rows: list[tuple[str, str, Decimal]]) -> bytes:
    """Render a minimal single-stream PDF; long statements produce large content streams."""
    lines = [f"BT /F1 10 Tf 40 800 Td ({_escape(title)}) Tj ET"]
    y = 780
    for when, description, amount in rows:
        lines.append(f"BT /F1 8 Tf 40 {y} Td ({_escape(when)}  {_escape(description)}  {amount:,.2f}) Tj ET")
        y -= 12
        if y < 40:
            y = 780
    content = zlib.compress("\n".join(lines).encode("latin-1", "replace"), 9)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    out.write(b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n")
    out.write(b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n")
    out.write(b"3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n")
    out.write(f"4 0 obj << /Length {len(content)} /Filter /FlateDecode >> stream\n".encode())
    out.write(content)
    out.write(b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    return out.getvalue()
