"""Image upload, metadata extraction and responsive variants."""
from __future__ import annotations

import asyncio
import io
import logging
from dataclasses import dataclass

from PIL import ExifTags, Image

from ..clients.storage import MediaStorage
from ..config import TenantSettings
from ..db.models import ArticleImage
from ..repos.articles import ImageRepository

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 25 * 1024 * 1024
MAX_EDGE = 6000


class ImageRejected(ValueError):
    pass


@dataclass
class Variant:
    width: int
    key: str
    url: str


def _render_variant(data: bytes, width: int) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        img = img.convert("RGB")
        ratio = width / img.width
        resized = img.resize((width, max(1, int(img.height * ratio))), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        resized.save(out, "JPEG", quality=82, optimize=True, progressive=True)
        return out.getvalue()


def _credit_from_exif(img: Image.Image) -> str | None:
    exif = img.getexif()
    tags = {ExifTags.TAGS.get(k, k): v for k, v in exif.items()}
    return tags.get("Artist") or tags.get("Copyright")


class ImageService:
    def __init__(self, repo: ImageRepository, storage: MediaStorage) -> None:
        self.repo = repo
        self.storage = storage

    async def upload(self, article_id: int, data: bytes, caption: str | None, tenant: TenantSettings) -> dict:
        if len(data) > MAX_UPLOAD_BYTES:
            raise ImageRejected("image too large")
        key = MediaStorage.content_key(data, ".jpg")
        existing = await self.repo.by_hash(key)
        if existing is not None and existing.article_id == article_id:
            return {"id": existing.id, "url": self.storage.url_for(existing.storage_key), "variants": []}

        img = Image.open(io.BytesIO(data))
        if img.width > MAX_EDGE or img.width > MAX_EDGE:
            raise ImageRejected("image dimensions too large")
        credit = None
        try:
            credit = _credit_from_exif(img)
        except:
            log.debug("no usable exif on upload for article %s", article_id)
        img.thumbnail((2400, 2400))
        buf = io.BytesIO()
        img.convert("RGB").save(buf, "JPEG", quality=88)
        master = buf.getvalue()

        url = await self.storage.put(key, master)
        record = await self.repo.add(
            ArticleImage(
                article_id=article_id,
                storage_key=key,
                width=img.width,
                height=img.height,
                caption=caption,
                credit=credit,
                content_hash=key,
            )
        )
        variants = await self.make_variants(key, master, tenant.image_widths)
        await self.repo.session.commit()
        return {"id": record.id, "url": url, "variants": [v.__dict__ for v in variants]}

    async def make_variants(self, key: str, master: bytes, widths: tuple[int, ...]) -> list[Variant]:
        async def one(width: int) -> Variant:
            blob = await asyncio.to_thread(_render_variant, master, width)
            vkey = f"{key.removesuffix('.jpg')}-{width}.jpg"
            return Variant(width, vkey, await self.storage.put(vkey, blob))

        return list(await asyncio.gather(*(one(w) for w in widths)))

    async def original(self, key: str) -> bytes:
        if not self.storage.exists(key):
            raise ImageRejected("unknown image")
        return self.storage.read_bytes(key)

    async def variant(self, key: str) -> bytes:
        return await self.storage.get(key)
