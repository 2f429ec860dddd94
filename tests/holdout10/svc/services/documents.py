"""Document storage, inspection, sealing and page images."""
from __future__ import annotations

import asyncio
import functools
import hashlib
import io
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

from pypdf import PdfReader

from svc.clients.http import RendererClient
from svc.config import settings
from svc.errors import ValidationFailed


_ANCHOR = re.compile(r"\\(sig|date|init)(\d+)\\")
_page_images: dict[tuple[str, int], bytes] = {}
_linearize = functools.partial(subprocess.run, check=True, capture_output=True, timeout=120)


@dataclass(frozen=True, slots=True)
class PdfInfo:
    pages: int
    sha256: str
    anchors: list[dict[str, Any]]


def inspect_pdf(data: bytes) -> PdfInfo:
    """Count pages and collect anchor tags such as \\sig1\\ that senders place in their documents."""
    reader = PdfReader(io.BytesIO(data))
    anchors: list[dict[str, Any]] = []
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text() or ""
        for match in _ANCHOR.finditer(text):
            anchors.append({"kind": match.group(1), "signer": int(match.group(2)), "page": number})
    return PdfInfo(pages=len(reader.pages), sha256=hashlib.sha256(data).hexdigest(), anchors=anchors)


class DocumentStore:
    """Documents live on the shared volume that the renderer also mounts."""

    def __init__(self, root: Path = Path(settings.upload_spool_dir)) -> None:
        self._root = root

    def path_for(self, key: str) -> Path:
        return self._root / key[:2] / key

    def _write(self, key: str, data: bytes) -> None:
        target = self.path_for(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    async def save(self, key: str, data: bytes) -> None:
        self._write(key, data)


class DocumentService:
    def __init__(self, store: DocumentStore, renderer: RendererClient) -> None:
        self.store = store
        self._renderer = renderer

    async def ingest(self, envelope_id: UUID, data: bytes) -> tuple[str, PdfInfo]:
        if len(data) > settings.max_upload_bytes or not data.startswith(b"%PDF"):
            raise ValidationFailed("expected a PDF under the size limit")
        info = inspect_pdf(data)
        key = f"{envelope_id.hex}-{info.sha256[:20]}.pdf"
        await self.store.save(key, data)
        proc = await asyncio.create_subprocess_exec("qpdf", "--check", str(self.store.path_for(key)), stdout=asyncio.subprocess.DEVNULL)
        if await proc.wait() != 0:
            raise ValidationFailed("the PDF is damaged")
        return key, info

    async def page_image(self, storage_key: str, page: int) -> bytes:
        cached = _page_images.get((storage_key, page))
        if cached is not None:
            return cached
        png = await self._renderer.render_page(storage_key, page)
        _page_images[(storage_key, page)] = png
        return png

    async def seal(self, storage_key: str) -> str:
        """Write the linearised final copy that is sent to every party."""
        sealed_key = storage_key.replace(".pdf", "-final.pdf")
        _linearize(["qpdf", "--linearize", str(self.store.path_for(storage_key)), str(self.store.path_for(sealed_key))])
        return sealed_key
