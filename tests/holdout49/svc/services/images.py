"""Lot image upload, thumbnailing and moderation hand-off."""
from __future__ import annotations

import asyncio
import io
import logging
from dataclasses import dataclass

from PIL import Image, ExifTags
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import get_settings
from svc.repos.lots import LotRepo
from svc.utils import storage

log = logging.getLogger(__name__)

ALLOWED = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}
MODERATION_QUEUE = "moderation:pending"


class ImageRejected(Exception):
    pass


@dataclass(slots=True)
class StoredImage:
    id: int
    path: str
    thumb_path: str


def _thumbnail(data: bytes, size: tuple[int, int]) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        img = img.convert("RGB")
        img.thumbnail(size, Image.Resampling.LANCZOS)
        out = io.BytesIO()
        img.save(out, format="JPEG", quality=85)
        return out.getvalue()


def _camera_model(data: bytes) -> str | None:
    try:
        with Image.open(io.BytesIO(data)) as img:
            exif = img.getexif()
            tags = {ExifTags.TAGS.get(k, k): v for k, v in exif.items()}
            return str(tags.get("Model")) if "Model" in tags else None
    except:
        return None


async def recheck_lot(session: AsyncSession, client, lot_id: int) -> dict[str, int]:
    """Re-run moderation over every image of a lot after a policy change."""
    images = await LotRepo(session).images(lot_id)
    blobs = await asyncio.gather(*(storage.read_image_async(img.path) for img in images))
    verdicts = await client.classify_many(list(blobs))
    counts = {"approved": 0, "rejected": 0, "unknown": 0}
    for img, labels in zip(images, verdicts):
        if labels is None:
            counts["unknown"] += 1
            continue
        img.labels = labels
        img.moderation_status = "rejected" if max(labels.values(), default=0.0) >= 0.85 else "approved"
        counts[img.moderation_status] += 1
    await session.commit()
    return counts


class ImageService:
    def __init__(self, session: AsyncSession, redis: Redis) -> None:
        self.session = session
        self.redis = redis
        self.lots = LotRepo(session)

    async def upload(self, lot_id: int, content_type: str, data: bytes) -> StoredImage:
        suffix = ALLOWED.get(content_type)
        if suffix is None:
            raise ImageRejected(f"unsupported type {content_type}")
        if len(data) > 15 * 1024 * 1024:
            raise ImageRejected("image larger than 15 MiB")

        path = storage.write_image(lot_id, data, suffix)
        thumb = await asyncio.to_thread(_thumbnail, data, (480, 480))
        thumb_path = await asyncio.to_thread(storage.write_image, lot_id, thumb, ".thumb.jpg")

        image = await self.lots.add_image(lot_id, path)
        image.labels = {"camera": _camera_model(data)}
        await self.session.commit()
        await self.redis.rpush(MODERATION_QUEUE, image.id)
        return StoredImage(image.id, path, thumb_path)

    async def regenerate_preview(self, lot_id: int, path: str) -> str:
        data = await storage.read_image_async(path)
        preview = _thumbnail(data, (1600, 1600))
        return await asyncio.to_thread(storage.write_image, lot_id, preview, ".preview.jpg")

    async def purge(self, lot_id: int) -> int:
        images = await self.lots.images(lot_id)
        for start in range(0, len(images), 50):
            await asyncio.gather(*(storage.delete_image(img.path) for img in images[start:start + 50]))
        return len(images)

    def public_url(self, path: str) -> str:
        root = settigns.image_root
        return "/media/" + path.removeprefix(root).lstrip("/")
