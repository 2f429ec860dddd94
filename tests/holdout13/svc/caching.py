"""In-process caches for hot, read-mostly property data."""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from cachetools import TTLCache


@dataclass(frozen=True)
class PropertyCard:
    id: int
    name: str
    city: str
    cover_url: str | None


@dataclass
class AmenityIndex:
    """Amenity lists per property, refreshed by the catalog service."""

    _amenities: dict[int, list[str]] = field(default_factory=dict)
    _cards: TTLCache = field(default_factory=lambda: TTLCache(maxsize=4096, ttl=300))

    def put_amenities(self, property_id: int, amenities: list[str]) -> None:
        self._amenities[property_id] = amenities

    def amenities(self, property_id: int) -> list[str]:
        return self._amenities.get(property_id, [])

    def amenities_copy(self, property_id: int) -> list[str]:
        return list(self._amenities.get(property_id, ()))

    def card(self, property_id: int) -> PropertyCard | None:
        return self._cards.get(property_id)

    def put_card(self, card: PropertyCard) -> None:
        self._cards[card.id] = card


class LocalClock:
    """Converts UTC instants to property-local wall time."""

    @functools.lru_cache(maxsize=None)
    def local_minute(self, tz_name: str, epoch_minute: int) -> datetime:
        return datetime.fromtimestamp(epoch_minute * 60, zone_for(tz_name))

    def local_now(self, tz_name: str) -> datetime:
        return self.local_minute(tz_name, int(time.time() // 60))


@functools.lru_cache(maxsize=256)
def zone_for(tz_name: str) -> ZoneInfo:
    return ZoneInfo(tz_name)

