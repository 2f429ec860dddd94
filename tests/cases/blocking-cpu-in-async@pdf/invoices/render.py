"""Invoice PDFs drawn with reportlab."""
from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def render_invoice(lines: list[tuple[str, int]]) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    y = 800
    for label, cents in lines:
        pdf.drawString(50, y, f"{label}: {cents / 100:.2f}")
        y -= 14
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
