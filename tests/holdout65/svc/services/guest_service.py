"""Guest profiles: dedupe on phone/email, tags, visit stats."""
from __future__ import annotations

import logging
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Generic, Hashable, TypeVar

from svc.db.models import Guest
from svc.repositories.bookings import BookingRepository
from svc.repositories.guests import GuestRepository, LoyaltyRepository
from svc.utils.formatting import normalise_phone

log = logging.getLogger(__name__)


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class TTLCache(Generic[K, V]):
    """Small LRU cache with per-entry expiry. Not shared between replicas."""

    def __init__(self, maxsize: int = 1024, ttl_s: float = 60.0) -> None:
        self.maxsize = maxsize
        self.ttl_s = ttl_s
        self._data: OrderedDict[K, tuple[float, V]] = OrderedDict()

    def get(self, key: K) -> V | None:
        item = self._data.get(key)
        if item is None:
            return None
        expires, value = item
        if expires < time.monotonic():
            self._data.pop(key, None)
            return None
        self._data.move_to_end(key)
        return value

    def set(self, key: K, value: V) -> None:
        self._data[key] = (time.monotonic() + self.ttl_s, value)
        self._data.move_to_end(key)
        while len(self._data) > self.maxsize:
            self._data.popitem(last=False)

    def invalidate(self, key: K) -> None:
        self._data.pop(key, None)

    def clear(self) -> None:
        self._data.clear()


@dataclass(slots=True)
class GuestProfile:
    id: int
    name: str
    phone: str
    email: str | None
    tags: list[str]
    visits: int
    no_shows: int
    points: int
    tier: str
    recent: list[dict] = field(default_factory=list)


_profile_cache: dict[int, GuestProfile] = {}
_tag_cache: TTLCache[int, list[str]] = TTLCache(maxsize=5000, ttl_s=300)


class GuestService:
    def __init__(self, guests: GuestRepository, bookings: BookingRepository, loyalty: LoyaltyRepository) -> None:
        self.guests = guests
        self.bookings = bookings
        self.loyalty = loyalty

    async def find_or_create(self, first_name: str, last_name: str, phone: str, email: str | None) -> Guest:
        number = normalise_phone(phone)
        guest = await self.guests.by_phone(number)
        if guest is None and email:
            guest = await self.guests.by_email(email)
        if guest is not None:
            if email and not guest.email:
                guest.email = email
            return guest
        return await self.guests.add(Guest(first_name=first_name, last_name=last_name, phone=number, email=email))

    async def profile(self, guest_id: int) -> GuestProfile | None:
        cached = _profile_cache.get(guest_id)
        if cached is not None:
            return cached
        guest = await self.guests.get(guest_id)
        if guest is None:
            return None
        points, tier = await self.loyalty.balance(guest_id)
        history = await self.bookings.history_for_guest(guest_id, limit=10)
        profile = GuestProfile(
            id=guest.id,
            name=f"{guest.first_name} {guest.last_name}",
            phone=guest.phone,
            email=guest.email,
            tags=list(guest.tags or []),
            visits=guest.visit_count,
            no_shows=guest.no_show_count,
            points=points,
            tier=tier,
            recent=[{"id": b.id, "at": b.starts_at.isoformat(), "status": b.status} for b in history],
        )
        _profile_cache[guest_id] = profile
        return profile

    async def tags(self, guest_id: int) -> list[str]:
        cached = _tag_cache.get(guest_id)
        if cached is not None:
            return list(cached)
        guest = await self.guests.get(guest_id)
        tags = list(guest.tags or []) if guest else []
        _tag_cache.set(guest_id, tags)
        return list(tags)

    async def add_tag(self, guest_id: int, tag: str) -> list[str]:
        guest = await self.guests.get(guest_id)
        if guest is None:
            return []
        if tag not in guest.tags:
            guest.tags = [*guest.tags, tag]
        _tag_cache.invalidate(guest_id)
        _profile_cache.pop(guest_id, None)
        return guest.tags
