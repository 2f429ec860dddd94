from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from .money import format_amount
from .storage import save_pdf


@dataclass(frozen=True)
class ReceiptContext:
    number: str
    donor_name: str
    charity_name: str
    registration_number: str
    campaign_title: str
    amount_cents: int
    currency: str
    donated_on: date
    giftaid: bool


def render_receipt_pdf(ctx: ReceiptContext) -> bytes:
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    width, height = A4
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(40, height - 60, f"Donation receipt {ctx.number}")
    pdf.setFont("Helvetica", 11)
    lines = [
        f"Donor: {ctx.donor_name}",
        f"Charity: {ctx.charity_name} (reg. {ctx.registration_number})",
        f"Campaign: {ctx.campaign_title}",
        f"Amount: {format_amount(ctx.amount_cents, ctx.currency)}",
        f"Date: {ctx.donated_on.isoformat()}",
        "Gift Aid declared: yes" if ctx.giftaid else "Gift Aid declared: no",
    ]
    y = height - 100
    for line in lines:
        pdf.drawString(40, y, line)
        y -= 18
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def store_receipt(receipts_dir: str, ctx: ReceiptContext) -> str:
    data = render_receipt_pdf(ctx)
    return save_pdf(receipts_dir, ctx.number, data)
