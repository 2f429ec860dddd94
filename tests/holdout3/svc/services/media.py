"""Listing images and invoice/credit-note PDFs on the shared media volume."""
from __future__ import annotations

import asyncio
import functools
import io
import subprocess
import uuid
from collections.abc import Sequence
from pathlib import Path

from fastapi import UploadFile
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from starlette.concurrency import run_in_threadpool

from svc.db.models import Order, OrderItem
from svc.errors import DomainError

MAX_IMAGE_BYTES = 15 * 1024 * 1024
THUMB_SIZES = (160, 480, 1080)


def _write_file(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _probe_dimensions(path: Path) -> tuple[int, int]:
    result = subprocess.run(["identify", "-format", "%w %h", str(path)], capture_output=True, text=True, check=True, timeout=15)
    width, height = result.stdout.split()
    return int(width), int(height)


def _validate_image(path: Path) -> None:
    width, height = _probe_dimensions(path)
    if width < 300 or height < 300:
        raise DomainError("images must be at least 300x300 pixels", code="image_too_small")
    if width * height > 40_000_000:
        raise DomainError("image is too large", code="image_too_large")


def _render_thumbnails(source: Path, prefix: Path) -> None:
    with Image.open(source) as img:
        img = img.convert("RGB")
        for size in THUMB_SIZES:
            thumb = img.copy()
            thumb.thumbnail((size, size))
            thumb.save(f"{prefix}_{size}.webp", "WEBP", quality=82)


def render_invoice_pdf(order: Order, items: Sequence[OrderItem], title: str = "Invoice") -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(50, 800, f"{title} #{order.id}")
    pdf.setFont("Helvetica", 10)
    y = 770
    for item in items:
        pdf.drawString(50, y, f"{item.quantity} x {item.title[:70]}")
        pdf.drawRightString(545, y, f"{item.quantity * item.unit_price_minor / 100:.2f} {order.currency}")
        y -= 16
    pdf.drawRightString(545, y - 10, f"Tax {order.tax_minor / 100:.2f}   Total {order.total_minor / 100:.2f} {order.currency}")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _store(path: Path, data: bytes) -> None:
    path.write_bytes(data)


class MediaService:
    def __init__(self, media_dir: Path, invoice_dir: Path) -> None:
        self._media_dir = media_dir
        self._invoice_dir = invoice_dir
        self._invoice_dir.mkdir(parents=True, exist_ok=True)

    async def ingest_listing_image(self, listing_id: int, upload: UploadFile) -> str:
        data = await upload.read(MAX_IMAGE_BYTES + 1)
        if len(data) > MAX_IMAGE_BYTES:
            raise DomainError("image exceeds 15 MB", code="image_too_large")
        key = f"listings/{listing_id}/{uuid.uuid4().hex}"
        original = self._media_dir / f"{key}.orig"
        await asyncio.to_thread(_write_file, original, data)
        _validate_image(original)
        await run_in_threadpool(_render_thumbnails, original, self._media_dir / key)
        return key

    async def write_invoice(self, order: Order, items: Sequence[OrderItem]) -> Path:
        pdf = await asyncio.to_thread(render_invoice_pdf, order, items)
        path = self._invoice_dir / f"invoice-{order.id}.pdf"
        _store(path, pdf)
        return path

    async def write_credit_note(self, order: Order, items: Sequence[OrderItem], refund_id: str) -> Path:
        pdf = await asyncio.to_thread(render_invoice_pdf, order, items, "Credit note")
        path = self._invoice_dir / f"credit-{order.id}-{refund_id}.pdf"
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, functools.partial(_store, path, pdf))
        return path
