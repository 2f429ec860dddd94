from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.discovery import RecommendationsClient
from svc.db.models import Listing
from svc.errors import PermissionDeniedError
from svc.repositories.catalog import CategoryRepository, ListingRepository, SellerRepository
from svc.schemas import FeedPage, ListingCard, ListingCreate, ListingPage

log = logging.getLogger(__name__)

_listing_cache: dict[int, ListingCard] = {}

_TREE_TTL = 600.0


class CategoryCatalog:
    """Category tree, reloaded from the database at most every ten minutes. Shared."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._tree: dict[str, dict[str, Any]] = {}
        self._loaded_at = 0.0
        self._lock = asyncio.Lock()

    async def tree(self) -> dict[str, dict[str, Any]]:
        if time.monotonic() - self._loaded_at > _TREE_TTL:
            async with self._lock:
                if time.monotonic() - self._loaded_at > _TREE_TTL:
                    self._tree = await self._load()
                    self._loaded_at = time.monotonic()
        return self._tree

    async def _load(self) -> dict[str, dict[str, Any]]:
        async with self._sessions() as session:
            categories = await CategoryRepository(session).all_ordered()
        tree: dict[str, dict[str, Any]] = {}
        for cat in categories:
            tree[cat.slug] = {"name": cat.name, "parent": cat.parent_slug, "hidden": cat.hidden, "children": []}
        for slug, node in tree.items():
            parent = node["parent"]
            if parent is not None and parent in tree:
                tree[parent]["children"].append(slug)
        return tree


class ListingService:
    def __init__(self, session: AsyncSession, recs: RecommendationsClient) -> None:
        self._session = session
        self._repo = ListingRepository(session)
        self._sellers = SellerRepository(session)
        self._recs = recs

    async def create(self, seller_id: int, data: ListingCreate) -> Listing:
        listing = Listing(seller_id=seller_id, status="active", **data.model_dump())
        await self._repo.add(listing)
        await self._session.commit()
        return listing

    async def update_price(self, seller_id: int, listing_id: int, price_minor: int) -> Listing:
        listing = await self._repo.get(listing_id)
        if listing.seller_id != seller_id:
            raise PermissionDeniedError("not your listing")
        listing.price_minor = price_minor
        await self._session.commit()
        _listing_cache.pop(listing_id, None)
        return listing

    async def card(self, listing_id: int) -> ListingCard:
        cached = _listing_cache.get(listing_id)
        if cached is not None:
            return cached
        listing = await self._repo.get_or_404(listing_id)
        seller = await self._sellers.get_summary(listing.seller_id)
        card = ListingCard.from_models(listing, seller)
        _listing_cache[listing_id] = card
        return card

    async def detail_page(self, listing_id: int) -> ListingPage:
        card = await self.card(listing_id)
        related_ids = await self._recs.related(listing_id)
        related = await self._repo.by_ids(related_ids)
        sellers = await self._sellers.summaries(item.seller_id for item in related)
        return ListingPage(
            listing=card,
            related=[ListingCard.from_models(item, sellers[item.seller_id]) for item in related],
        )

    async def browse(self, category: str, page: int, page_size: int) -> list[ListingCard]:
        listings = await self._repo.browse(category, page, page_size)
        summaries = [await self._sellers.get_summary(listing.seller_id) for listing in listings]
        return [ListingCard.from_models(listing, s) for listing, s in zip(listings, summaries)]

    async def feed(self, category: str, cursor: int | None, limit: int) -> FeedPage:
        listings: Sequence[Listing] = await self._repo.browse_after(category, cursor, limit)
        sellers = await self._sellers.summaries(listing.seller_id for listing in listings)
        cards = [ListingCard.from_models(listing, sellers[listing.seller_id]) for listing in listings]
        next_cursor = listings[-1].id if len(listings) == limit else None
        return FeedPage(items=cards, next_cursor=next_cursor)

    async def set_image(self, seller_id: int, listing_id: int, image_key: str) -> None:
        listing = await self._repo.get(listing_id)
        if listing.seller_id != seller_id:
            raise PermissionDeniedError("not your listing")
        listing.image_key = image_key
        await self._session.commit()
        _listing_cache.pop(listing_id, None)
