from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from pricewatch.db.models import Product, ProductStatus, Retailer, TrackedItem


class ProductRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, product_id: int) -> Product | None:
        return await self.session.get(Product, product_id)

    async def get_many(self, product_ids: Sequence[int]) -> dict[int, Product]:
        if not product_ids:
            return {}
        rows = await self.session.scalars(select(Product).where(Product.id.in_(product_ids)))
        return {p.id: p for p in rows}

    async def find_by_url(self, canonical_url: str) -> Product | None:
        stmt = select(Product).where(Product.canonical_url == canonical_url)
        return await self.session.scalar(stmt)

    async def retailer_for_domain(self, domain: str) -> Retailer | None:
        return await self.session.scalar(select(Retailer).where(Retailer.domain == domain))

    async def create(self, *, retailer_id: int, canonical_url: str, currency: str) -> Product:
        product = Product(
            retailer_id=retailer_id,
            canonical_url=canonical_url,
            currency=currency,
            next_crawl_at=datetime.now(timezone.utc),
        )
        self.session.add(product)
        await self.session.flush()
        return product

    async def increment_trackers(self, product_id: int, delta: int = 1) -> None:
        await self.session.execute(
            update(Product).where(Product.id == product_id).values(tracker_count=Product.tracker_count + delta)
        )

    async def search(self, q: str, limit: int = 20, offset: int = 0) -> list[Product]:
        stmt = (
            select(Product)
            .where(Product.title.ilike(f"%{q}%"))
            .order_by(Product.tracker_count.desc())
            .offset(offset)
            .limit(limit)
        )
        return list(await self.session.scalars(stmt))

    async def page_after(self, after_id: int, limit: int = 500) -> list[Product]:
        stmt = select(Product).where(Product.id > after_id).order_by(Product.id).limit(limit)
        return list(await self.session.scalars(stmt))

    async def list_for_user(self, user_id: int) -> list[Product]:
        stmt = (
            select(Product)
            .join(TrackedItem, TrackedItem.product_id == Product.id)
            .where(TrackedItem.user_id == user_id)
            .options(joinedload(Product.retailer))
            .order_by(TrackedItem.created_at.desc())
        )
        return list((await self.session.scalars(stmt)).unique())

    async def due_for_crawl(self, now: datetime, limit: int) -> list[Product]:
        stmt = (
            select(Product)
            .where(Product.status == ProductStatus.ACTIVE, Product.next_crawl_at <= now)
            .order_by(Product.next_crawl_at)
            .limit(limit)
        )
        return list(await self.session.scalars(stmt))

    async def reschedule(self, product_ids: Sequence[int], interval: timedelta) -> None:
        await self.session.execute(
            update(Product)
            .where(Product.id.in_(product_ids))
            .values(next_crawl_at=datetime.now(timezone.utc) + interval)
        )

    async def record_price(self, product_id: int, price: Decimal) -> None:
        await self.session.execute(
            update(Product)
            .where(Product.id == product_id)
            .values(
                last_price=price,
                last_crawled_at=datetime.now(timezone.utc),
                failure_count=0,
            )
        )
