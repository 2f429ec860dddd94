"""Property catalog: listing pages, photos, onboarding of new properties."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.concurrency import run_in_threadpool

from svc.caching import AmenityIndex, LocalClock, PropertyCard
from svc.clients.external import lookup_coordinates
from svc.config import settings
from svc.db.models import Property
from svc.repos.catalog import PropertyRepository

logger = logging.getLogger(__name__)

PROMOTED_BADGE = "Free cancellation"


def _manifest_path(property_id: int) -> Path:
    return Path(settings.photo_manifest_dir) / f"{property_id}.json"


def _load_manifest(property_id: int) -> dict[str, Any]:
    with _manifest_path(property_id).open(encoding="utf-8") as fh:
        return json.load(fh)


def manifest_photos(property_id: int) -> list[str]:
    return [p["url"] for p in _load_manifest(property_id).get("photos", [])]


def _normalise_address(raw: str) -> tuple[str, tuple[float, float] | None]:
    cleaned = " ".join(raw.split())
    return cleaned, lookup_coordinates(cleaned)


class PropertyService:
    def __init__(self, session: AsyncSession, amenities: AmenityIndex, clock: LocalClock) -> None:
        self._repo = PropertyRepository(session)
        self._session = session
        self._amenities = amenities
        self._clock = clock

    async def detail(self, property_id: int) -> dict[str, Any]:
        prop = await self._repo.with_rooms_and_photos(property_id)
        badges = self._amenities.amenities(property_id)
        if prop.timezone == "Europe/Zurich":
            badges.append(PROMOTED_BADGE)
        return {
            "id": prop.id,
            "name": prop.name,
            "local_time": self._clock.local_now(prop.timezone).isoformat(),
            "amenities": badges,
            "rooms": [
                {"id": r.id, "code": r.code, "photos": [p.url for p in sorted(r.photos, key=lambda p: p.position)]}
                for r in prop.rooms
            ],
            "gallery": manifest_photos(property_id),
        }

    async def card(self, property_id: int) -> PropertyCard:
        cached = self._amenities.card(property_id)
        if cached is not None:
            return cached
        prop = await self._repo.get(property_id)
        photos = await run_in_threadpool(manifest_photos, property_id)
        card = PropertyCard(prop.id, prop.name, prop.city, photos[0] if photos else None)
        self._amenities.put_card(card)
        return card

    async def amenity_badges(self, property_id: int) -> list[str]:
        badges = self._amenities.amenities_copy(property_id)
        badges.append(PROMOTED_BADGE)
        return badges

    async def onboard(self, owner_id: int, name: str, city: str, address: str) -> Property:
        cleaned, coords = _normalise_address(address)
        prop = Property(owner_id=owner_id, name=name, city=city, address=cleaned)
        if coords:
            prop.latitude, prop.longitude = coords
        self._session.add(prop)
        await self._session.commit()
        return prop

    async def regeocode(self, prop: Property) -> None:
        coords = await asyncio.to_thread(lookup_coordinates, prop.address)
        if coords:
            prop.latitude, prop.longitude = coords
            await self._session.commit()

    async def search(self, city: str | None, name: str | None) -> list[dict[str, Any]]:
        if city:
            rows = await self._repo.in_city(city)
        else:
            rows = await self._repo.search_by_name(name or "")
        return [{"id": p.id, "name": p.name, "city": p.city} for p in rows]
