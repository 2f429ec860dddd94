"""Invoice and prescription label rendering."""
from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

ARCHIVE_DIR = Path("/var/lib/vetnet/invoices")


def render_invoice(invoice_id: int, owner_name: str, lines: list[tuple[str, Decimal]]) -> bytes:
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    y = 800
    pdf.drawString(40, y, f"Invoice #{invoice_id} - {owner_name}")
    total = Decimal("0")
    for description, amount in lines:
        y -= 18
        if y < 60:
            pdf.showPage()
            y = 800
        pdf.drawString(40, y, description[:80])
        pdf.drawRightString(550, y, f"{amount:.2f}")
        total += amount
    pdf.drawRightString(550, y - 30, f"Total {total:.2f}")
    pdf.save()
    return buf.getvalue()


def archive_invoice(invoice_id: int, data: bytes) -> Path:
    ARCHIVE_DIR.mkdir(parents=True, exist_ok=True)
    target = ARCHIVE_DIR / f"{invoice_id}.pdf"
    target.write_bytes(data)
    return target
