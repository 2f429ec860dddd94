"""Row access for vendors and listings."""
from __future__ import annotations

from typing import Optional

from sqlalchemy import select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from .models import Listing, Vendor

SessionLocal: async_sessionmaker[AsyncSession] = async_sessionmaker()
CHUNK = 500


class VendorStore:
    async def get(self, vendor_id: str) -> Optional[Vendor]:
        async with SessionLocal() as session:
            return await session.get(Vendor, vendor_id)


class ListingStore:
    async def get(self, listing_id: str) -> Optional[Listing]:
        async with SessionLocal() as session:
            return await session.get(Listing, listing_id)

    async def on_shelf(self, shelf_id: str, after: Optional[str] = None, limit: int = 50) -> list[Listing]:
        """One page of a shelf; `after` is the cursor row, looked up only when a page is asked for."""
        async with SessionLocal() as session:
            query = select(Listing).where(Listing.shelf_id == shelf_id)
            if after:
                anchor = await session.get(Listing, after)
                query = query.where(Listing.id > anchor.id)
            rows = await session.execute(query.order_by(Listing.id).limit(limit))
            return list(rows.scalars())

    async def hide_many(self, pairs: list[tuple[str, str]]) -> int:
        """Hide listings by (vendor, shelf), a chunk of pairs per statement (driver parameter limit)."""
        hidden = 0
        for start in range(0, len(pairs), CHUNK):
            chunk = pairs[start:start + CHUNK]
            async with SessionLocal() as session:
                result = await session.execute(
                    update(Listing)
                    .where(tuple_(Listing.vendor_id, Listing.shelf_id).in_(chunk))
                    .values(hidden=True)
                )
                hidden += result.rowcount
        return hidden

    async def hide_each(self, ids: list[str]) -> None:
        for index in range(len(ids)):
            async with SessionLocal() as session:
                await session.execute(update(Listing).where(Listing.id == ids[index]).values(hidden=True))  # expect: n-plus-one


Vendors = VendorStore()
Listings = ListingStore()
