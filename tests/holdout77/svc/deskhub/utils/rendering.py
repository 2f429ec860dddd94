"""Rendering helpers: visitor badges (PNG), invoices (PDF) and location floor plans (SVG)."""
from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

import qrcode
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

if TYPE_CHECKING:
    from ..models import Invoice, Member

BADGE_SIZE = (1012, 638)  # CR80 at 300 dpi
_SPACE_ID = re.compile(r'id="space-(\d+)"')


def render_badge(name: str, company: str | None, host_name: str, location_name: str, qr_payload: str) -> bytes:
    image = Image.new("RGB", BADGE_SIZE, "white")
    draw = ImageDraw.Draw(image)
    title = ImageFont.truetype("DejaVuSans-Bold.ttf", 64)
    body = ImageFont.truetype("DejaVuSans.ttf", 36)
    draw.text((48, 60), name, font=title, fill="black")
    if company:
        draw.text((48, 150), company, font=body, fill="#444444")
    draw.text((48, 470), f"Visiting {host_name}", font=body, fill="black")
    draw.text((48, 530), location_name, font=body, fill="#666666")
    code = qrcode.make(qr_payload, box_size=10, border=1).resize((300, 300))
    image.paste(code, (BADGE_SIZE[0] - 348, 48))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def render_invoice_pdf(invoice: Invoice, member: Member) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    width, height = A4
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(50, height - 60, f"Invoice #{invoice.id}")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(50, height - 80, f"{member.name} {member.company or ''}".strip())
    pdf.drawString(50, height - 95, f"Period {invoice.period_start:%d %b %Y} - {invoice.period_end:%d %b %Y}")
    y = height - 130
    for line in invoice.lines:
        pdf.drawString(50, y, line.description[:80])
        pdf.drawRightString(width - 50, y, f"{line.amount_pence / 100:.2f}")
        y -= 14
        if y < 80:
            pdf.showPage()
            y = height - 60
    pdf.setFont("Helvetica-Bold", 11)
    pdf.drawRightString(width - 50, y - 20, f"Total {invoice.currency} {invoice.total_pence / 100:.2f}")
    pdf.save()
    return out.getvalue()


def render_floorplan(base_dir: str, slug: str, busy_space_ids: set[int]) -> str:
    svg = _load_svg(base_dir, slug)
    return _SPACE_ID.sub(
        lambda m: f'{m.group(0)} class="space {"busy" if int(m.group(1)) in busy_space_ids else "free"}"', svg
    )


def _load_svg(base_dir: str, slug: str) -> str:
    path = Path(base_dir) / f"{slug}.svg"
    return path.read_text(encoding="utf-8")
