"""Media uploads: images are processed inline, videos are handed to the media worker."""

from __future__ import annotations

import asyncio
import json
import logging
import shutil
from pathlib import Path
from uuid import uuid4

import redis.asyncio as redis
from fastapi import UploadFile
from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache.profile_cache import TTLCache
from svc.clients.storage import StorageClient
from svc.config import Settings
from svc.db.models import MediaAsset, User
from svc.repositories import media_repo
from svc.utils import media_tools


log = logging.getLogger(__name__)

MEDIA_JOBS = "media:jobs"
IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}
VIDEO_TYPES = {"video/mp4", "video/quicktime", "video/webm"}

_signed_urls: TTLCache[str, str] = TTLCache(maxsize=20_000, ttl=1800)


class MediaRejected(Exception):
    pass


class MediaService:
    def __init__(self, session: AsyncSession, storage: StorageClient, client: redis.Redis, settings: Settings) -> None:
        self.session = session
        self.storage = storage
        self.redis = client
        self.settings = settings

    async def _check_quota(self, owner: User, incoming: int) -> None:
        used = await media_repo.used_bytes(self.session, owner.id)
        if used + incoming > self.settings.media_quota_bytes:
            raise MediaRejected("media quota exceeded")

    async def upload_image(self, owner: User, upload: UploadFile) -> MediaAsset:
        if upload.content_type not in IMAGE_TYPES:
            raise MediaRejected(f"unsupported content type {upload.content_type}")
        data = await upload.read(self.settings.media_max_bytes + 1)
        if len(data) > self.settings.media_max_bytes:
            raise MediaRejected("file too large")
        await self._check_quota(owner, len(data))

        info = await asyncio.to_thread(media_tools.inspect, data)
        thumb = media_tools.make_thumbnail(data, self.settings.thumbnail_size)
        key = f"img/{owner.id}/{uuid4().hex}"
        await self.storage.put(key, data, upload.content_type)
        await self.storage.put(f"{key}.thumb.webp", thumb, "image/webp")

        asset = await media_repo.create(
            self.session,
            owner_id=owner.id,
            kind="image",
            storage_key=key,
            content_type=upload.content_type,
            size_bytes=len(data),
        )
        try:
            exif = media_tools.exif_summary(data)
        except:
            exif = {}
        await media_repo.mark_ready(
            self.session, asset.id, width=info.width, height=info.height, thumb_key=f"{key}.thumb.webp"
        )
        await self.session.commit()
        if exif:
            log.debug("image exif", extra={"ctx": {"asset": asset.id, "exif": exif}})
        return asset

    async def upload_video(self, owner: User, upload: UploadFile) -> MediaAsset:
        if upload.content_type not in VIDEO_TYPES:
            raise MediaRejected(f"unsupported content type {upload.content_type}")
        tmp_dir = Path(self.settings.media_tmp_dir)
        tmp_path = tmp_dir / f"{uuid4().hex}.upload"
        with tmp_path.open("wb") as out:
            shutil.copyfileobj(upload.file, out, length=1024 * 1024)
        size = tmp_path.stat().st_size
        if size > self.settings.media_max_bytes * 8:
            tmp_path.unlink(missing_ok=True)
            raise MediaRejected("video too large")
        await self._check_quota(owner, size)
        duration = media_tools.probe_duration(str(tmp_path))
        if duration > 180:
            tmp_path.unlink(missing_ok=True)
            raise MediaRejected("videos are limited to 3 minutes")

        key = f"vid/{owner.id}/{uuid4().hex}.mp4"
        asset = await media_repo.create(
            self.session,
            owner_id=owner.id,
            kind="video",
            storage_key=key,
            content_type="video/mp4",
            size_bytes=size,
        )
        await self.session.commit()
        await self.redis.lpush(MEDIA_JOBS, json.dumps({"asset_id": asset.id, "path": str(tmp_path), "key": key}))
        return asset

    def public_url(self, key: str) -> str:
        url = _signed_urls.get(key)
        if url is None:
            url = self.storage.signed_url(key, ttl=3600)
            _signed_urls.set(key, url)
        return url
