"""Product queries: slow search and paging shapes beside the fast ones."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.catalog.models import Product

PAGE_SIZE = 50
HEADER_ROWS = 1


class ProductRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def page(self, page: int, page_size: int, brand: str | None = None) -> list[Product]:
        stmt = select(Product).order_by(Product.created_at.desc())
        if brand:
            stmt = stmt.where(Product.brand == brand)
        stmt = stmt.offset((page - 1) * page_size).limit(page_size)  # expect: slow-query
        return list((await self._session.scalars(stmt)).all())

    async def skip_page(self, skip: int, limit: int = 100) -> list[Product]:
        stmt = (
            select(Product)
            .order_by(Product.id)
            .offset(skip)  # expect: slow-query
            .limit(limit)
        )
        return list((await self._session.scalars(stmt)).all())

    async def window(self, start: int) -> list[Product]:
        stmt = select(Product).order_by(Product.id).limit(PAGE_SIZE).offset(offset=start)  # expect: slow-query
        return list((await self._session.scalars(stmt)).all())

    async def after_named_header_keyword(self) -> list[Product]:
        stmt = select(Product).order_by(Product.id).offset(offset=HEADER_ROWS).limit(PAGE_SIZE)
        return list((await self._session.scalars(stmt)).all())

    async def first_page(self) -> list[Product]:
        stmt = select(Product).order_by(Product.id).offset(0).limit(PAGE_SIZE)
        return list((await self._session.scalars(stmt)).all())

    async def after_header(self) -> list[Product]:
        stmt = select(Product).order_by(Product.id).offset(1).limit(PAGE_SIZE)
        return list((await self._session.scalars(stmt)).all())

    async def after_named_header(self) -> list[Product]:
        stmt = select(Product).order_by(Product.id).offset(HEADER_ROWS).limit(PAGE_SIZE)
        return list((await self._session.scalars(stmt)).all())

    async def after(self, last_id: int, limit: int = PAGE_SIZE) -> list[Product]:
        stmt = select(Product).where(Product.id > last_id).order_by(Product.id).limit(limit)
        return list((await self._session.scalars(stmt)).all())

    async def by_brand(self, brand: str) -> list[Product]:
        stmt = select(Product).where(Product.brand == brand).limit(PAGE_SIZE)
        return list((await self._session.scalars(stmt)).all())

    async def search(self, q: str) -> list[Product]:
        stmt = (
            select(Product)
            .where(Product.name.ilike("%" + q + "%"))  # expect: slow-query
            .order_by(Product.name)
            .limit(25)
        )
        return list((await self._session.scalars(stmt)).all())

    async def search_description(self, q: str) -> list[Product]:
        stmt = select(Product).where(
            Product.brand == "acme",
            Product.description.like(f"%{q}%"),  # expect: slow-query
        )
        return list((await self._session.scalars(stmt)).all())

    async def mentioning(self, q: str) -> list[Product]:
        return list((await self._session.scalars(select(Product).where(Product.description.contains(q)))).all())  # expect: slow-query

    async def search_pattern(self, q: str) -> list[Product]:
        pattern = f"%{q}%"
        stmt = (
            select(Product)
            .where(Product.sku.ilike(pattern))  # expect: slow-query
            .limit(25)
        )
        return list((await self._session.scalars(stmt)).all())

    async def search_formatted(self, q: str) -> list[Product]:
        stmt = select(Product).where(Product.brand.ilike("%{}%".format(q))).limit(25)  # expect: slow-query
        return list((await self._session.scalars(stmt)).all())

    async def name_prefix(self, q: str) -> list[Product]:
        stmt = (
            select(Product)
            .where(Product.name.ilike(q + "%"))
            .limit(25)
        )
        return list((await self._session.scalars(stmt)).all())

    async def sku_prefix(self, q: str) -> list[Product]:
        prefix = f"{q}%"
        return list((await self._session.scalars(select(Product).where(Product.sku.like(prefix)).limit(25))).all())

    async def title_search(self, q: str) -> list[Product]:
        stmt = select(Product).where(Product.title.ilike(f"%{q}%")).limit(25)
        return list((await self._session.scalars(stmt)).all())

    async def labelled(self, label: str) -> list[Product]:
        stmt = select(Product).where(Product.labels.contains([label])).limit(25)
        return list((await self._session.scalars(stmt)).all())
