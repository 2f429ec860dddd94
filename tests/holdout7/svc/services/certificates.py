from __future__ import annotations

import asyncio
import hashlib
import io
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from svc.config import get_settings

settings = get_settings()
_render_pool = ProcessPoolExecutor(max_workers=2)


def render_certificate(student: str, course_title: str, issued_on: str) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=landscape(A4))
    pdf.setFont("Helvetica-Bold", 36)
    pdf.drawCentredString(421, 380, "Certificate of Completion")
    pdf.setFont("Helvetica", 22)
    pdf.drawCentredString(421, 320, student)
    pdf.drawCentredString(421, 280, course_title)
    pdf.drawCentredString(421, 240, issued_on)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def fingerprint(pdf_bytes: bytes, rounds: int = 200_000) -> str:
    digest = pdf_bytes
    for _ in range(rounds):
        digest = hashlib.sha256(digest).digest()
    return digest.hex()


def _save(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


async def issue_certificate(student: str, course_title: str, issued_on: str, slug: str) -> str:
    loop = asyncio.get_running_loop()
    pdf_bytes = await loop.run_in_executor(
        _render_pool, render_certificate, student, course_title, issued_on
    )
    serial = fingerprint(pdf_bytes)
    target = Path(settings.certificate_root) / slug / f"{serial[:16]}.pdf"
    await asyncio.to_thread(_save, target, pdf_bytes)
    return serial


async def verify_certificate(slug: str, serial: str) -> bool:
    target = Path(settings.certificate_root) / slug / f"{serial[:16]}.pdf"
    data = await asyncio.to_thread(target.read_bytes)
    computed = await asyncio.to_thread(fingerprint, data)
    return computed == serial
