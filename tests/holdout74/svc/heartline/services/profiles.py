"""Profile reads and edits, location updates and the personal-data export."""
from __future__ import annotations

import asyncio
import io
import json
import logging
import zipfile
from datetime import date
from typing import Any

from ..cache import RedisCache, profile_key
from ..clients.geoip import GeoIPClient
from ..clients.storage import ObjectStorage
from ..errors import DomainError, NotFound
from ..models.user import User
from ..repositories.photos import PhotoRepository
from ..repositories.swipes import SwipeRepository
from ..repositories.users import UserRepository
from ..utils.common import age_on, utcnow
from ..utils.geo import geohash, valid_coordinates

log = logging.getLogger(__name__)

MIN_AGE = 18
EDITABLE_FIELDS = frozenset(
    {"display_name", "bio", "interests", "seeking", "min_age_pref", "max_age_pref", "max_distance_km", "is_hidden"}
)


def serialize_profile(user: User, storage: ObjectStorage) -> dict[str, Any]:
    return {
        "id": user.id,
        "name": user.display_name,
        "age": age_on(user.birthdate, date.today()),
        "bio": user.bio,
        "interests": list(user.interests),
        "city": user.city,
        "photos": [storage.public_url(p.thumb_key) for p in user.photos if p.status == "approved"],
    }


class ProfileService:
    def __init__(
        self,
        users: UserRepository,
        photos: PhotoRepository,
        swipes: SwipeRepository,
        cache: RedisCache,
        storage: ObjectStorage,
        geoip: GeoIPClient,
    ) -> None:
        self.users = users
        self.photos = photos
        self.swipes = swipes
        self.cache = cache
        self.storage = storage
        self.geoip = geoip

    async def public_profile(self, user_id: int) -> dict[str, Any]:
        key = profile_key(user_id)
        cached = await self.cache.get_json(key)
        if cached is not None:
            return cached
        user = await self.users.get_with_photos(user_id)
        if user is None or user.is_banned:
            raise NotFound("profile not found")
        profile = serialize_profile(user, self.storage)
        await self.cache.redis.set(key, json.dumps(profile))
        return profile

    async def me(self, user_id: int) -> dict[str, Any]:
        user = await self.users.get_with_photos(user_id)
        if user is None:
            raise NotFound("profile not found")
        return {
            **serialize_profile(user, self.storage),
            "email": user.email,
            "preferences": {
                "seeking": user.seeking,
                "min_age": user.min_age_pref,
                "max_age": user.max_age_pref,
                "max_distance_km": user.max_distance_km,
            },
            "stats": await self.swipes.received_counts(user_id),
        }

    async def update(self, user_id: int, patch: dict[str, Any]) -> dict[str, Any]:
        unknown = set(patch) - EDITABLE_FIELDS
        if unknown:
            raise DomainError(f"cannot edit {', '.join(sorted(unknown))}")
        if patch.get("min_age_pref", MIN_AGE) < MIN_AGE:
            raise DomainError("minimum age preference is 18")
        await self.users.update_fields(user_id, **patch)
        return await self.me(user_id)

    async def update_location(self, user_id: int, lat: float | None, lon: float | None, client_ip: str | None) -> dict[str, Any]:
        if lat is None or lon is None:
            located = await self.geoip.locate(client_ip) if client_ip else None
            if located is None:
                raise DomainError("location unavailable; send coordinates")
            lat, lon = located
        if not valid_coordinates(lat, lon):
            raise DomainError("coordinates out of range")
        lat, lon = round(lat, 4), round(lon, 4)
        await self.users.update_fields(user_id, lat=lat, lon=lon, last_active_at=utcnow())
        return {"lat": lat, "lon": lon, "cell": geohash(lat, lon, 5)}

    async def export_data(self, user_id: int) -> bytes:
        user = await self.users.get_with_photos(user_id)
        if user is None:
            raise NotFound("profile not found")
        blobs = await asyncio.gather(*(self.storage.fetch(photo.key) for photo in user.photos))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            archive.writestr("profile.json", json.dumps(serialize_profile(user, self.storage), indent=2))
            for photo, blob in zip(user.photos, blobs):
                archive.writestr(f"photos/{photo.id}.jpg", blob)
        log.info("exported data for user %s (%d photos)", user_id, len(blobs))
        return buffer.getvalue()
