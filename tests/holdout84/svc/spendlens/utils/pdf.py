from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

LINE_HEIGHT = 14
PAGE_ROWS = 50
FONT_DIR = Path(os.environ.get("SPENDLENS_FONT_DIR", "fonts"))

# reportlab's font registry is process-global and not safe to mutate from several threads.
_font_lock = threading.Lock()
_fonts_registered = False


def _register_fonts() -> None:
    global _fonts_registered
    with _font_lock:
        if _fonts_registered:
            return
        font_file = FONT_DIR / "DejaVuSans.ttf"
        if font_file.exists():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(font_file)))
        _fonts_registered = True


def _draw_page(pdf: canvas.Canvas, title: str, rows: Sequence[Sequence[str]]) -> None:
    pdf.setFont("Helvetica-Bold", 13)
    pdf.drawString(40, 800, title)
    pdf.setFont("Helvetica", 9)
    y = 770
    for row in rows:
        pdf.drawString(40, y, "  ".join(str(cell) for cell in row))
        y -= LINE_HEIGHT
    pdf.showPage()


def write_pdf(path: Path, title: str, rows: Sequence[Sequence[str]]) -> None:
    _register_fonts()
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for offset in range(0, max(len(rows), 1), PAGE_ROWS):
        _draw_page(pdf, title, rows[offset : offset + PAGE_ROWS])
    pdf.save()


def build_pdf(title: str, rows: Sequence[Sequence[str]]) -> bytes:
    fd, name = tempfile.mkstemp(suffix=".pdf")
    os.close(fd)
    path = Path(name)
    try:
        write_pdf(path, title, rows)
        return path.read_bytes()
    finally:
        path.unlink(missing_ok=True)
