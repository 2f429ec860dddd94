"""Listing cards cached in process: invalidated on write only, and bounded look-alikes."""
from __future__ import annotations

import time

from catalog.repository import ListingRepository

_card_cache: dict[int, dict] = {}  # expect: unbounded-cache
_CARD_TTL = 300.0


class ListingService:
    def __init__(self, repo: ListingRepository) -> None:
        self._repo = repo
        self._recent: dict[int, tuple[float, dict]] = {}
        self._drafts: dict[int, dict] = {}

    async def card(self, listing_id: int) -> dict:
        cached = _card_cache.get(listing_id)
        if cached is not None:
            return dict(cached)
        card = await self._repo.get(listing_id)
        _card_cache[listing_id] = card
        return dict(card)

    async def update_price(self, listing_id: int, price_minor: int) -> None:
        await self._repo.set_price(listing_id, price_minor)
        _card_cache.pop(listing_id, None)

    async def recent(self, listing_id: int) -> dict:
        entry = self._recent.get(listing_id)
        if entry is not None and time.monotonic() - entry[0] < _CARD_TTL:
            return dict(entry[1])
        card = await self._repo.get(listing_id)
        self._recent[listing_id] = (time.monotonic(), card)
        return dict(card)

    async def reprice_recent(self, listing_id: int, price_minor: int) -> None:
        await self._repo.set_price(listing_id, price_minor)
        self._recent.pop(listing_id, None)

    def sweep(self) -> None:
        now = time.monotonic()
        for listing_id, (stored, _card) in list(self._recent.items()):
            if now - stored > _CARD_TTL:
                del self._recent[listing_id]

    async def draft(self, listing_id: int) -> dict:
        cached = self._drafts.get(listing_id)
        if cached is None:
            cached = await self._repo.get(listing_id)
            self._drafts[listing_id] = cached
        return dict(cached)

    async def publish(self, listing_id: int, price_minor: int) -> None:
        await self._repo.set_price(listing_id, price_minor)
        self._drafts.clear()
