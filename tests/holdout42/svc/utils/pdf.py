from __future__ import annotations

from typing import Any

PAGE_WIDTH = 595
PAGE_HEIGHT = 842


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def layout_bill(fields: dict[str, Any]) -> bytes:
    """Minimal single-page PDF with the bill summary."""
    lines = [
        f"Bill {fields['bill_id']}",
        f"Period: {fields['period']}",
        f"Consumption: {fields['kwh']} kWh",
        f"Amount due: GBP {fields['total']}",
        f"Due date: {fields.get('due') or 'on receipt'}",
    ]
    y = PAGE_HEIGHT - 80
    ops = ["BT", "/F1 12 Tf"]
    for line in lines:
        ops.append(f"1 0 0 1 60 {y} Tm ({_escape(line)}) Tj")
        y -= 20
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
        f"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for num, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{num} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF".encode()
    return bytes(out)
