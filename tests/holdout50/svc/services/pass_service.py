from __future__ import annotations

import asyncio
import contextlib
import hashlib
import io
import json
import logging
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from PIL import Image
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from ..cache.pass_cache import PassCache
from ..db.models import PassStatus
from ..repos.pass_repo import PassRepository
from ..utils.tokens import hash_pin

log = logging.getLogger(__name__)

PHOTO_ROOT = Path("/var/lib/skiops/photos")
PHOTO_SIZE = (600, 600)


def make_pass_photo(data: bytes) -> bytes:
    """Square-crop and shrink an uploaded portrait for printing on the pass card."""
    with Image.open(io.BytesIO(data)) as img:
        img = img.convert("RGB")
        side = min(img.size)
        left = (img.width - side) // 2
        top = (img.height - side) // 2
        img = img.crop((left, top, left + side, top + side))
        img.thumbnail(PHOTO_SIZE, Image.Resampling.LANCZOS)
        out = io.BytesIO()
        img.save(out, format="JPEG", quality=88, optimize=True)
        return out.getvalue()


async def write_audit(session: AsyncSession, action: str, actor: str, detail: dict[str, Any]) -> None:
    await session.execute(
        text(
            "INSERT INTO audit_log (action, actor, detail, created_at) "
            "VALUES (:action, :actor, CAST(:detail AS jsonb), :at)"
        ),
        {
            "action": action,
            "actor": actor,
            "detail": json.dumps(detail, default=str),
            "at": datetime.now(timezone.utc),
        },
    )
    await session.commit()


class PassError(Exception):
    pass


class PassService:
    def __init__(self, session: AsyncSession, cache: PassCache) -> None:
        self._session = session
        self._repo = PassRepository(session)
        self._cache = cache

    async def activate(self, pass_id: int, media_uid: str, pin: str | None, stored_hash: bytes | None) -> None:
        if stored_hash is not None:
            if pin is None:
                raise PassError("pin required")
            salt = hashlib.sha256(str(pass_id).encode()).digest()[:16]
            candidate = await asyncio.to_thread(hash_pin, pin, salt)
            if candidate != stored_hash:
                raise PassError("wrong pin")
        if not await self._repo.activate(pass_id, media_uid):
            raise PassError("pass is not pending activation")
        await self._session.commit()
        await self._cache.invalidate(pass_id)

    async def revoke(self, pass_id: int, reason: str, staff: str) -> None:
        await self._repo.set_status(pass_id, PassStatus.revoked)
        await self._session.commit()
        await self._cache.invalidate_pass(pass_id)
        with contextlib.suppress(Exception):
            await write_audit(self._session, "pass.revoke", staff, {"pass_id": pass_id, "reason": reason})
        log.info("pass revoked", extra={"pass_id": pass_id, "by": staff})

    async def store_photo(self, pass_id: int, upload: bytes) -> str:
        photo = make_pass_photo(upload)
        path = PHOTO_ROOT / f"{pass_id}.jpg"
        await asyncio.to_thread(path.write_bytes, photo)
        return str(path)
