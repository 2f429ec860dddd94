"""Packing slip rendering and the local print spool."""
from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import uuid4

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from ..config import get_settings

if TYPE_CHECKING:
    from ..db.models import Order, OrderLine

_FONT_LOCK = threading.Lock()
_fonts_registered = False


def _ensure_fonts() -> None:
    global _fonts_registered
    with _FONT_LOCK:
        if not _fonts_registered:
            pdfmetrics.registerFont(TTFont("Inter", "/srv/wms/assets/Inter-Regular.ttf"))
            _fonts_registered = True


def render_packing_slip(order: Order, lines: list[OrderLine]) -> bytes:
    """Render a one-page packing slip. CPU and disk bound: run it in a worker thread."""
    _ensure_fonts()
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    logo = Path(get_settings().logo_path).read_bytes()
    pdf.drawImage(ImageReader(io.BytesIO(logo)), 40, 770, width=120, height=40, mask="auto")
    pdf.setFont("Inter", 11)
    pdf.drawString(40, 740, f"Order {order.external_ref}")
    y = 710
    for line in lines:
        pdf.drawString(40, y, f"SKU {line.sku_id}")
        pdf.drawRightString(550, y, str(line.qty))
        y -= 18
        if y < 60:
            pdf.showPage()
            pdf.setFont("Inter", 11)
            y = 780
    pdf.save()
    return buf.getvalue()


def spool_packing_slip(spool_dir: str, station_id: str, pdf: bytes) -> Path:
    """Drop a slip into the station's spool directory for the local CUPS agent."""
    path = Path(spool_dir) / station_id / f"{uuid4().hex}.pdf"
    path.write_bytes(pdf)
    return path
