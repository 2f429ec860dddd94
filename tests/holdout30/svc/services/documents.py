from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import threading
import uuid
from functools import lru_cache, partial
from pathlib import Path

import aiohttp
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential
from weasyprint import HTML

from svc.config import Settings
from svc.db.models import Invoice

log = logging.getLogger(__name__)

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"

_env = Environment(
    loader=FileSystemLoader(TEMPLATE_DIR),
    autoescape=select_autoescape(["html"]),
    enable_async=True,
)
_template_lock = threading.Lock()
_rendered_pdfs: dict[uuid.UUID, bytes] = {}


@lru_cache(maxsize=32)
def _template(name: str) -> Template:
    with _template_lock:
        return _env.get_template(name)


def _html_to_pdf(html: str, base_url: str) -> bytes:
    return HTML(string=html, base_url=base_url).write_pdf()


def _write_archive(directory: str, invoice: Invoice, pdf: bytes) -> str:
    folder = os.path.join(directory, str(invoice.tenant_id), f"{invoice.issued_at:%Y/%m}")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"{invoice.number}.pdf")
    with open(path, "wb") as fh:
        fh.write(pdf)
    return path


class PdfArchive:
    """Local PDF archive kept for the auditors' retention requirement."""

    def __init__(self, directory: str) -> None:
        self._directory = directory

    def store(self, invoice: Invoice, pdf: bytes) -> str:
        return _write_archive(self._directory, invoice, pdf)


class ObjectStorage:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.storage_url
        self._session = aiohttp.ClientSession(
            headers={"Authorization": f"Bearer {settings.storage_token}"},
            timeout=aiohttp.ClientTimeout(total=30, connect=5),
        )

    async def close(self) -> None:
        await self._session.close()

    @retry(
        stop=stop_after_attempt(3),
        wait=wait_exponential(multiplier=0.5, max=5),
        retry=retry_if_exception_type(aiohttp.ClientError),
        reraise=True,
    )
    async def put(self, key: str, body: bytes, content_type: str) -> None:
        async with self._session.put(
            f"{self._base}/{key}",
            data=body,
            headers={"Content-Type": content_type, "x-content-sha256": hashlib.sha256(body).hexdigest()},
        ) as resp:
            resp.raise_for_status()


class DocumentService:
    def __init__(self, settings: Settings, storage: ObjectStorage) -> None:
        self._settings = settings
        self._storage = storage
        self._archive = PdfArchive(settings.pdf_archive_dir)
        self._render_lock = _template_lock

    async def _html(self, invoice: Invoice, template_name: str) -> str:
        template = await asyncio.to_thread(_template, template_name)
        with self._render_lock:
            return await template.render_async(invoice=invoice, lines=invoice.lines, customer=invoice.customer)

    async def render_invoice(self, invoice: Invoice) -> bytes:
        cached = _rendered_pdfs.get(invoice.id)
        if cached is not None:
            return cached
        html = await self._html(invoice, "invoice.html")
        pdf = HTML(string=html, base_url=str(TEMPLATE_DIR)).write_pdf()
        _rendered_pdfs[invoice.id] = pdf
        return pdf

    async def render_reminder(self, invoice: Invoice, level: int) -> bytes:
        html = await self._html(invoice, f"reminder_{level}.html")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, partial(_html_to_pdf, html, str(TEMPLATE_DIR)))

    async def publish(self, invoice: Invoice) -> str:
        pdf = await self.render_invoice(invoice)
        key = f"{invoice.tenant_id}/{invoice.number}.pdf"
        await self._storage.put(key, pdf, "application/pdf")
        self._archive.store(invoice, pdf)
        return key
