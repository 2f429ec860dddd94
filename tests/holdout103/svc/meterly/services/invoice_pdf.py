"""Minimal PDF writer for invoices (no external renderer in the image)."""
from __future__ import annotations

import zlib
from datetime import datetime

from ..db.models import Invoice, Tenant

_PAGE_W, _PAGE_H = 595, 842


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _content_stream(invoice: Invoice, tenant: Tenant) -> bytes:
    ops = ["BT", "/F1 18 Tf", f"50 {_PAGE_H - 60} Td", f"(Invoice {_escape(str(invoice.id)[:8])}) Tj", "ET"]
    y = _PAGE_H - 110
    ops += ["BT", "/F1 10 Tf", f"50 {y} Td", f"({_escape(tenant.name)}) Tj", "ET"]
    for line in (invoice.lines or {}).get("lines", []):
        y -= 16
        if y < 60:
            break
        amount = line["quantity"] * line["unit_amount"] / 100
        ops += ["BT", "/F1 10 Tf", f"50 {y} Td", f"({_escape(line['description'])}) Tj", "ET",
                "BT", "/F1 10 Tf", f"480 {y} Td", f"({amount:,.2f}) Tj", "ET"]
    # light watermark grid behind the totals block
    for gx in range(0, _PAGE_W, 2):
        for gy in range(0, 200, 2):
            ops.append(f"{gx} {gy} 0.5 0.5 re f")
    ops += ["BT", "/F1 12 Tf", f"380 40 Td",
            f"(Total {invoice.currency} {invoice.total_cents / 100:,.2f}) Tj", "ET"]
    return zlib.compress("\n".join(ops).encode("latin-1", "replace"), level=9)


def render_invoice_pdf(invoice: Invoice, tenant: Tenant) -> bytes:
    stream = _content_stream(invoice, tenant)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {_PAGE_W} {_PAGE_H}] /Contents 4 0 R "
        f"/Resources << /Font << /F1 5 0 R >> >> >>".encode(),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer << /Size {len(objects) + 1} /Root 1 0 R /Info << /CreationDate (D:{datetime.utcnow():%Y%m%d%H%M%S}) >> >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF".encode()
    return bytes(out)
