from __future__ import annotations

import asyncio
import io
from uuid import UUID

from PIL import Image

from pulsewatch.clients import storage
from pulsewatch.config import Settings
from pulsewatch.errors import PulsewatchError

MAX_LOGO_BYTES = 5 * 1024 * 1024
LOGO_BOX = (480, 160)
FAVICON_SIZES = [(16, 16), (32, 32), (48, 48)]


def _render_favicon(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        out = io.BytesIO()
        img.convert("RGBA").save(out, format="ICO", sizes=FAVICON_SIZES)
        return out.getvalue()


class BrandingService:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    async def process_logo(self, org_id: UUID, page_id: UUID, upload: bytes) -> dict[str, str]:
        if len(upload) > MAX_LOGO_BYTES:
            raise PulsewatchError("logo is larger than 5 MB")
        try:
            img = Image.open(io.BytesIO(upload))
            img.load()
        except Exception as exc:
            raise PulsewatchError("logo is not a valid image") from exc
        img = img.convert("RGBA")
        img.thumbnail(LOGO_BOX, Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        img.save(buffer, format="PNG", optimize=True)
        logo_bytes = buffer.getvalue()

        favicon = await asyncio.to_thread(_render_favicon, upload)
        logo_name = f"{page_id}-logo.png"
        icon_name = f"{page_id}-favicon.ico"
        digest = await asyncio.to_thread(storage.save_asset, self._settings.asset_dir, str(org_id), logo_name, logo_bytes)
        await asyncio.to_thread(storage.save_asset, self._settings.asset_dir, str(org_id), icon_name, favicon)
        base = f"{self._settings.public_base_url}/assets/{org_id}"
        return {"logo_url": f"{base}/{logo_name}?v={digest}", "favicon_url": f"{base}/{icon_name}"}
