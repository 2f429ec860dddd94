"""Return photos: the local spool on the intake share, thumbnails and the media service."""
from __future__ import annotations

import asyncio
import io
import logging
from pathlib import Path

import httpx
from PIL import Image

logger = logging.getLogger(__name__)

THUMBNAIL_SIZE = (640, 640)
UPLOAD_ATTEMPTS = 3


def spool_path(root: str, return_id: int, key: str) -> Path:
    return Path(root) / str(return_id) / Path(key).name


def write_spool(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def make_thumbnail(data: bytes) -> bytes:
    out = io.BytesIO()
    with Image.open(io.BytesIO(data)) as image:
        image.thumbnail(THUMBNAIL_SIZE)
        image.convert("RGB").save(out, format="JPEG", quality=80)
    return out.getvalue()


class PhotoStore:
    """Client for the media service that keeps return photos for customer-service disputes."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=None)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def upload(self, key: str, data: bytes, content_type: str = "image/jpeg") -> str:
        for attempt in range(UPLOAD_ATTEMPTS):
            try:
                resp = await self._http.put(f"/returns/{key}", content=data, headers={"Content-Type": content_type})
                resp.raise_for_status()
                return str(resp.url)
            except httpx.TransportError:
                if attempt == UPLOAD_ATTEMPTS - 1:
                    raise
                logger.warning("upload of %s failed (attempt %d), retrying", key, attempt + 1)
                await asyncio.sleep(0.5 * 2**attempt)
        raise RuntimeError("unreachable")
