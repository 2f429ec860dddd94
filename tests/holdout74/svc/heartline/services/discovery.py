"""The discovery feed: nearby, compatible profiles the viewer has not swiped yet."""
from __future__ import annotations

import logging
from datetime import date
from itertools import chain
from typing import Any

from ..cache import RedisCache, suggestions_key
from ..clients.geoip import GeoIPClient
from ..clients.storage import ObjectStorage
from ..errors import DomainError, NotFound
from ..models.user import Photo, User
from ..repositories.photos import PhotoRepository
from ..repositories.swipes import SwipeRepository
from ..repositories.users import UserRepository
from ..settings import Settings
from ..utils.common import age_on
from ..utils.geo import bounding_box, haversine_km
from .safety import SafetyService

log = logging.getLogger(__name__)

CANDIDATE_POOL = 200
FEED_CACHE_SECONDS = 60


class DiscoveryService:
    def __init__(
        self,
        users: UserRepository,
        photos: PhotoRepository,
        swipes: SwipeRepository,
        safety: SafetyService,
        cache: RedisCache,
        geoip: GeoIPClient,
        storage: ObjectStorage,
        settings: Settings,
    ) -> None:
        self.users = users
        self.photos = photos
        self.swipes = swipes
        self.safety = safety
        self.cache = cache
        self.geoip = geoip
        self.storage = storage
        self.settings = settings
        self._cards: dict[int, dict[str, Any]] = {}

    async def feed(self, viewer_id: int, page: int, client_ip: str | None) -> list[dict[str, Any]]:
        size = self.settings.feed_page_size
        cache_key = f"feed:{page}:{size}"
        cached = await self.cache.get_json(cache_key)
        if cached is not None:
            return cached
        viewer = await self.users.get(viewer_id)
        if viewer is None:
            raise NotFound("profile not found")
        origin = await self._origin(viewer, client_ip)
        radius = viewer.max_distance_km or self.settings.feed_radius_km_default
        excluded = await self.swipes.swiped_ids(viewer_id) | await self.safety.hidden_ids(viewer_id)
        suggested = await self._suggested_ids(viewer_id)
        nearby = await self.users.candidates_near(viewer, bounding_box(origin, radius), limit=CANDIDATE_POOL)
        ranked = self._rank(viewer, origin, radius, nearby, suggested, excluded)
        cards = []
        for candidate in ranked[page * size:(page + 1) * size]:
            photo = await self.photos.primary_for(candidate.id)
            if photo is not None:
                cards.append(self._card(candidate, photo, origin))
        await self.cache.set_json(cache_key, cards, ttl=FEED_CACHE_SECONDS)
        return cards

    async def _origin(self, viewer: User, client_ip: str | None) -> tuple[float, float]:
        if viewer.lat is not None and viewer.lon is not None:
            return viewer.lat, viewer.lon
        located = await self.geoip.locate(client_ip) if client_ip else None
        if located is None:
            raise DomainError("set a location to see people nearby")
        return located

    async def _suggested_ids(self, viewer_id: int) -> list[int]:
        raw = await self.cache.redis.lrange(suggestions_key(viewer_id), 0, CANDIDATE_POOL - 1)
        return [int(value) for value in raw]

    def _rank(
        self,
        viewer: User,
        origin: tuple[float, float],
        radius: float,
        nearby: list[User],
        suggested: list[int],
        excluded: set[int],
    ) -> list[User]:
        today = date.today()
        by_id = {user.id: user for user in nearby}
        priority = [by_id[uid] for uid in suggested if uid in by_id]
        seen: list[int] = []
        ranked: list[User] = []
        for candidate in chain(priority, nearby):
            if candidate.id in excluded or candidate.id in seen:
                continue
            seen.append(candidate.id)
            age = age_on(candidate.birthdate, today)
            if age < viewer.min_age_pref or age > viewer.min_age_pref:
                continue
            if haversine_km(origin, (candidate.lat, candidate.lon)) > radius:
                continue
            ranked.append(candidate)
        return ranked

    def _card(self, user: User, photo: Photo, origin: tuple[float, float]) -> dict[str, Any]:
        card = self._cards.get(user.id)
        if card is None:
            card = {
                "id": user.id,
                "name": user.display_name,
                "age": age_on(user.birthdate, date.today()),
                "bio": user.bio,
                "interests": list(user.interests),
                "photo": self.storage.public_url(photo.key),
            }
            self._cards[user.id] = card
        distance = haversine_km(origin, (user.lat, user.lon))
        return {**card, "distance_km": max(1, round(distance))}
