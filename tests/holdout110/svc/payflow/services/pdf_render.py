"""Payslip and tax-form PDF rendering (reportlab). Synchronous by design."""
from __future__ import annotations

import io
import os
import tempfile
from decimal import Decimal

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from payflow.settings import get_settings

_FONTS_REGISTERED = False


def _register_fonts() -> None:
    global _FONTS_REGISTERED
    if _FONTS_REGISTERED:
        return
    font_dir = get_settings().pdf_font_dir
    pdfmetrics.registerFont(TTFont("DejaVu", os.path.join(font_dir, "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", os.path.join(font_dir, "DejaVuSans-Bold.ttf")))
    _FONTS_REGISTERED = True


def _money(value: Decimal, currency: str) -> str:
    return f"{currency} {value:,.2f}"


def render_payslip(data: dict) -> bytes:
    _register_fonts()
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=LETTER)
    width, height = LETTER
    pdf.setFont("DejaVu-Bold", 14)
    pdf.drawString(inch, height - inch, f"{data['company_name']} - Payslip")
    pdf.setFont("DejaVu", 10)
    y = height - 1.5 * inch
    rows = [
        ("Employee", data["employee_name"]),
        ("Period", f"{data['period_start']} to {data['period_end']}"),
        ("Pay date", str(data["pay_date"])),
        ("Regular hours", str(data["regular_hours"])),
        ("Overtime hours", str(data["overtime_hours"])),
        ("Gross", _money(data["gross"], data["currency"])),
        ("Federal tax", _money(data["federal_tax"], data["currency"])),
        ("State tax", _money(data["state_tax"], data["currency"])),
        ("Social taxes", _money(data["social_tax"], data["currency"])),
        ("Deductions", _money(data["deductions"], data["currency"])),
        ("Net pay", _money(data["net"], data["currency"])),
    ]
    for label, value in rows:
        pdf.drawString(inch, y, label)
        pdf.drawRightString(width - inch, y, value)
        y -= 0.3 * inch
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def render_payslip_to_file(data: dict) -> str:
    """Renders to a spooled temp file; used for large batch archives."""
    content = render_payslip(data)
    fd, path = tempfile.mkstemp(suffix=".pdf", prefix="payslip-")
    with os.fdopen(fd, "wb") as fh:
        fh.write(content)
    return path


def render_tax_form(kind: str, data: dict) -> bytes:
    _register_fonts()
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=LETTER)
    width, height = LETTER
    pdf.setFont("DejaVu-Bold", 16)
    pdf.drawString(inch, height - inch, f"Form {kind.upper()} - Tax year {data['tax_year']}")
    pdf.setFont("DejaVu", 10)
    y = height - 1.6 * inch
    for box, value in data["boxes"].items():
        pdf.drawString(inch, y, box)
        pdf.drawRightString(width - inch, y, str(value))
        y -= 0.28 * inch
    pdf.showPage()
    pdf.save()
    return buf.getvalue()
