from __future__ import annotations

import asyncio
import logging

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from pricewatch.cache.product_cache import ProductCache
from pricewatch.db.models import Product, TrackedItem, User
from pricewatch.repositories.products import ProductRepository
from pricewatch.services.errors import NotFound, PlanLimitReached
from pricewatch.utils.coordination import locks
from pricewatch.utils.urls import canonicalize, expand_short_url, host_of, is_short_link

log = logging.getLogger(__name__)

PLAN_LIMITS = {"free": 20, "plus": 200, "pro": 2000}


class TrackingService:
    def __init__(self, session: AsyncSession, cache: ProductCache) -> None:
        self.session = session
        self.products = ProductRepository(session)
        self._cache = cache

    async def _resolve(self, url: str) -> str:
        if is_short_link(url):
            url = await asyncio.to_thread(expand_short_url, url)
        return canonicalize(url)

    async def track(self, user: User, raw_url: str, label: str | None = None) -> Product:
        url = await self._resolve(raw_url)
        host = host_of(url)
        retailer = await self.products.retailer_for_domain(host.removeprefix("www."))
        if retailer is None:
            raise RetailerNotSupported(host)

        product = await self.products.find_by_url(url)
        if product is None:
            product = await self.products.create(retailer_id=retailer.id, canonical_url=url, currency=user.currency)

        async with locks.product(product.id):
            async with locks.user(user.id):
                tracked = await self.products.list_for_user(user.id)
                if len(tracked) >= PLAN_LIMITS.get(user.plan, 20):
                    raise PlanLimitReached(f"plan {user.plan} allows {PLAN_LIMITS[user.plan]} products")
                stmt = (
                    pg_insert(TrackedItem)
                    .values(user_id=user.id, product_id=product.id, label=label)
                    .on_conflict_do_nothing(constraint="uq_tracked_user_product")
                    .returning(TrackedItem.id)
                )
                inserted = await self.session.scalar(stmt)
                if inserted is not None:
                    await self.products.increment_trackers(product.id)
                await self.session.commit()
        log.info("user %s tracks product %s (%s)", user.id, product.id, url)
        return product

    async def untrack(self, user: User, product_id: int) -> None:
        result = await self.session.execute(
            delete(TrackedItem).where(TrackedItem.user_id == user.id, TrackedItem.product_id == product_id)
        )
        if result.rowcount == 0:
            raise NotFound(f"product {product_id} is not tracked")
        product = await self.products.get(product_id)
        if product is not None:
            product.tracker_count = max(0, product.tracker_count - 1)
        await self.session.commit()
        self._cache.invalidate(product_id)

    async def merge_duplicates(self, keep_id: int, drop_id: int) -> int:
        """Fold a duplicate product (same item under two URLs) into ``keep_id``."""
        async with locks.acquire_many(f"product:{keep_id}", f"product:{drop_id}"):
            keep = await self.products.get(keep_id)
            drop = await self.products.get(drop_id)
            if keep is None or drop is None:
                raise NotFound("both products must exist")
            already = set(
                await self.session.scalars(select(TrackedItem.user_id).where(TrackedItem.product_id == keep_id))
            )
            moved = 0
            rows = await self.session.scalars(select(TrackedItem).where(TrackedItem.product_id == drop_id))
            for item in rows:
                if item.user_id in already:
                    await self.session.delete(item)
                else:
                    item.product_id = keep_id
                    moved += 1
            await self.session.execute(
                update(Product).where(Product.id == keep_id).values(tracker_count=Product.tracker_count + moved)
            )
            await self.session.delete(drop)
            await self.session.commit()
        await self._cache.invalidate(keep_id)
        await self._cache.invalidate(drop_id)
        log.info("merged product %s into %s (%d trackers moved)", drop_id, keep_id, moved)
        return moved
