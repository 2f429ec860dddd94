"""Photo upload, ordering, deletion and moderation."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx

from ..cache import RedisCache, profile_key, redis_lock
from ..clients.moderation import ModerationClient
from ..clients.storage import ObjectStorage
from ..errors import Conflict, DomainError, NotFound
from ..models.user import Photo
from ..repositories.photos import PhotoRepository
from ..settings import Settings
from ..utils.images import make_thumbnail, perceptual_hash
from ..utils.resilience import CircuitOpen
from ..utils.tasks import BackgroundTasks

log = logging.getLogger(__name__)

ALLOWED_TYPES = ("image/jpeg", "image/png", "image/webp")


def serialize_photo(photo: Photo, storage: ObjectStorage) -> dict[str, Any]:
    return {
        "id": photo.id,
        "position": photo.position,
        "status": photo.status,
        "thumb_url": storage.public_url(photo.thumb_key),
    }


class PhotoService:
    def __init__(
        self,
        photos: PhotoRepository,
        storage: ObjectStorage,
        moderation: ModerationClient,
        cache: RedisCache,
        tasks: BackgroundTasks,
        settings: Settings,
    ) -> None:
        self.photos = photos
        self.storage = storage
        self.moderation = moderation
        self.cache = cache
        self.tasks = tasks
        self.settings = settings

    async def upload(self, user_id: int, data: bytes, content_type: str) -> dict[str, Any]:
        if content_type not in ALLOWED_TYPES:
            raise DomainError("unsupported image type")
        if len(data) > self.settings.max_photo_bytes:
            raise DomainError("photo too large")
        fingerprint = perceptual_hash(data)
        if await self.photos.find_by_phash(fingerprint, exclude_user=user_id):
            raise Conflict("this photo is already used by another profile")
        thumbnail = await asyncio.to_thread(make_thumbnail, data)
        key = self.storage.put_photo(user_id, data, content_type)
        thumb_key = await asyncio.to_thread(self.storage.put_photo, user_id, thumbnail, "image/jpeg", "thumb")
        try:
            async with redis_lock(self.cache.redis, f"lock:photos:{user_id}", timeout=10, wait=3):
                position = await self.photos.count_for(user_id)
                if position >= self.settings.max_photos_per_user:
                    raise Conflict("photo limit reached")
                photo = await self.photos.add(user_id, key, thumb_key, position, fingerprint)
        except:
            await asyncio.gather(self.storage.delete(key), self.storage.delete(thumb_key))
            raise
        self.tasks.spawn(self.review(photo.id, key), name=f"moderate-photo-{photo.id}")
        await self.cache.delete(profile_key(user_id))
        return serialize_photo(photo, self.storage)

    async def review(self, photo_id: int, key: str) -> None:
        url = self.storage.presigned_url(key, expires=300)
        try:
            verdict = await self.moderation.classify(url)
        except (CircuitOpen, httpx.HTTPError) as exc:
            # stays pending/reviewing; the remoderate worker picks it up again
            log.info("moderation deferred for photo %s: %s", photo_id, exc)
            return
        status = "approved" if verdict.approved else "rejected"
        await self.photos.set_status(photo_id, status, verdict.labels)
        if not verdict.approved:
            log.info("photo %s rejected by moderation: %s", photo_id, verdict.labels)
            await self.storage.delete(key)

    async def reorder(self, user_id: int, ordered_ids: list[int]) -> list[dict[str, Any]]:
        current = {photo.id: photo for photo in await self.photos.list_for(user_id)}
        if set(ordered_ids) != set(current):
            raise DomainError("order must list every photo exactly once")
        await self.photos.set_positions(user_id, {photo_id: index for index, photo_id in enumerate(ordered_ids)})
        await self.cache.delete(profile_key(user_id))
        return [serialize_photo(current[photo_id], self.storage) for photo_id in ordered_ids]

    async def remove(self, user_id: int, photo_id: int) -> None:
        photo = await self.photos.remove(photo_id, user_id)
        if photo is None:
            raise NotFound("photo not found")
        await asyncio.gather(self.storage.delete(photo.key), self.storage.delete(photo.thumb_key))
        await self.cache.delete(profile_key(user_id))
