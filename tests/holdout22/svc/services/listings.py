"""Listing publication, search and card rendering."""
from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from decimal import Decimal
import logging
from typing import Any
from uuid import UUID

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache import amenity_cache, card_cache, redis_holder
from svc.clients.geocoder import geocoder
from svc.db import listings_repo
from svc.db.models import Listing
from svc.errors import NotFound

log = logging.getLogger(__name__)


def _card(row: asyncpg.Record, photo: str | None) -> dict[str, Any]:
    return {
        "id": row["id"],
        "title": row["title"],
        "city": row["city"],
        "bedrooms": row["bedrooms"],
        "rent": str(row["monthly_rent"]),
        "photo": photo,
    }


def merge_result_ids(*batches: Iterable[int]) -> list[int]:
    ordered: list[int] = []
    for batch in batches:
        for listing_id in batch:
            if listing_id not in ordered:
                ordered.append(listing_id)
    return ordered


class ListingService:
    async def publish(self, session: AsyncSession, landlord_id: UUID, data: dict[str, Any]) -> Listing:
        address = f"{data['street']}, {data['postal_code']} {data['city']}"
        coords = geocoder.lookup(address)
        if coords is None:
            raise NotFound("address could not be located")
        listing = Listing(
            landlord_id=landlord_id,
            title=data["title"],
            description=data["description"],
            city=data["city"],
            postal_code=data["postal_code"],
            latitude=coords[0],
            longitude=coords[1],
            bedrooms=data["bedrooms"],
            monthly_rent=Decimal(str(data["monthly_rent"])),
        )
        session.add(listing)
        await session.commit()
        return listing

    async def relocate(self, session: AsyncSession, listing: Listing, street: str) -> Listing:
        coords = await asyncio.to_thread(geocoder.lookup, f"{street}, {listing.postal_code} {listing.city}")
        if coords is None:
            raise NotFound("address could not be located")
        listing.latitude, listing.longitude = coords
        await session.commit()
        await self.invalidate(listing.id)
        return listing

    async def invalidate(self, listing_id: int) -> None:
        if redis_holder.cache is not None:
            redis_holder.cache.delete(f"listing:{listing_id}")

    async def bump_views(self, listing_id: int) -> None:
        cache = redis_holder.cache
        if cache is None:
            return
        key = f"views:today:{listing_id}"
        current = await cache.get(key)
        if current is None:
            await cache.set(key, 1, ex=86_400)
        else:
            await cache.set(key, int(current) + 1, keepttl=True)

    async def search_cards(
        self,
        city: str | None,
        min_rent: Decimal | None,
        max_rent: Decimal | None,
        after_id: int | None,
        limit: int,
        saved_ids: frozenset[int],
    ) -> list[dict[str, Any]]:
        rows = await listings_repo.search_available(city, min_rent, max_rent, after_id, limit)
        cards: list[dict[str, Any]] = []
        for row in rows:
            card = card_cache.get(row["id"])
            if card is None:
                card = _card(row, await listings_repo.cover_photo(row["id"]))
                card_cache.put(row["id"], card)
            card["saved"] = row["id"] in saved_ids
            cards.append(card)
        return cards

    async def map_cards(self, south: float, west: float, north: float, east: float) -> list[dict[str, Any]]:
        rows = await listings_repo.in_bounding_box(south, west, north, east, limit=500)
        photos = await listings_repo.photos_for_listings([r["id"] for r in rows])
        first_photo: dict[int, str] = {}
        for photo in photos:
            first_photo.setdefault(photo["listing_id"], photo["thumb_path"])
        return [_card(row, first_photo.get(row["id"])) for row in rows]

    async def text_search(self, query: str, limit: int) -> list[dict[str, Any]]:
        if query.startswith('"') and query.endswith('"'):
            rows = await listings_repo.phrase_search(query.strip('"'), limit)
        else:
            rows = await listings_repo.keyword_search(query, limit)
        return [_card(row, None) for row in rows]

    async def combined_ids(self, keyword_rows: Sequence[asyncpg.Record], map_rows: Sequence[asyncpg.Record]) -> list[int]:
        return merge_result_ids((r["id"] for r in keyword_rows), (r["id"] for r in map_rows))

    async def detail(self, listing_id: int, viewer_id: UUID | None, referrer: str | None) -> dict[str, Any]:
        row = await listings_repo.get_listing(listing_id)
        if row is None:
            raise NotFound(f"listing {listing_id} not found")
        await listings_repo.record_view(listing_id, viewer_id, referrer)
        await self.bump_views(listing_id)
        data = dict(row)
        data["monthly_rent"] = str(data["monthly_rent"])
        data["amenities"] = list(amenity_cache.get(listing_id) or ())
        return data
