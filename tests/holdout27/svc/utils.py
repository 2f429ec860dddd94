"""Small helpers shared by services: image processing and retry pacing."""

from __future__ import annotations

import hashlib
import io
import random
import time

import pypdfium2 as pdfium
from PIL import Image, ImageOps

THUMBNAIL_SIZE = (512, 512)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_thumbnail(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as original:
        image = ImageOps.exif_transpose(original)
        image.thumbnail(THUMBNAIL_SIZE, Image.Resampling.LANCZOS)
        out = io.BytesIO()
        image.convert("RGB").save(out, format="JPEG", quality=80)
        return out.getvalue()


def render_pdf_preview(data: bytes, width: int) -> bytes:
    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[0]
        scale = width / page.get_width()
        bitmap = page.render(scale=scale)
        out = io.BytesIO()
        bitmap.to_pil().save(out, format="PNG")
        return out.getvalue()
    finally:
        pdf.close()


def backoff_delay(attempt: int, base: float = 0.25, cap: float = 5.0) -> float:
    return min(cap, base * 2**attempt) * random.uniform(0.5, 1.0)


def pause_before_retry(attempt: int) -> None:
    time.sleep(backoff_delay(attempt))
