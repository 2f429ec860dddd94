from __future__ import annotations

from collections.abc import Iterable, Sequence

from fastapi import HTTPException
from sqlalchemy import func, literal_column, select

from svc.db.models import Category, Listing, Seller
from svc.errors import NotFoundError
from svc.repositories.base import BaseRepository, escape_like
from svc.schemas import SellerSummary


class SellerRepository(BaseRepository[Seller]):
    model = Seller

    async def by_email(self, email: str) -> Seller | None:
        stmt = select(Seller).where(Seller.email == email.lower())
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def get_summary(self, seller_id: int) -> SellerSummary:
        stmt = select(
            Seller.id, Seller.slug, Seller.display_name, Seller.rating, Seller.country
        ).where(Seller.id == seller_id)
        row = (await self.session.execute(stmt)).one_or_none()
        if row is None:
            raise NotFoundError(f"seller {seller_id} not found")
        return SellerSummary(
            id=row.id, slug=row.slug, display_name=row.display_name, rating=row.rating, country=row.country
        )

    async def summaries(self, seller_ids: Iterable[int]) -> dict[int, SellerSummary]:
        ids = list(set(seller_ids))
        if not ids:
            return {}
        stmt = select(
            Seller.id, Seller.slug, Seller.display_name, Seller.rating, Seller.country
        ).where(Seller.id.in_(ids))
        rows = (await self.session.execute(stmt)).all()
        return {
            r.id: SellerSummary(id=r.id, slug=r.slug, display_name=r.display_name, rating=r.rating, country=r.country)
            for r in rows
        }

    async def payout_accounts(self, seller_ids: Iterable[int]) -> dict[int, str | None]:
        stmt = select(Seller.id, Seller.payout_account_id).where(Seller.id.in_(list(seller_ids)))
        return {r.id: r.payout_account_id for r in (await self.session.execute(stmt)).all()}

    async def search_by_name(self, term: str, limit: int = 50) -> Sequence[Seller]:
        stmt = (
            select(Seller)
            .where(Seller.display_name.ilike(f"%{term}%"))
            .order_by(Seller.display_name)
            .limit(limit)
        )
        return (await self.session.scalars(stmt)).all()

    async def by_slug_prefix(self, prefix: str, limit: int = 20) -> Sequence[Seller]:
        stmt = (
            select(Seller)
            .where(Seller.slug.like(f"{escape_like(prefix.lower())}%", escape="\\"))
            .order_by(Seller.slug)
            .limit(limit)
        )
        return (await self.session.scalars(stmt)).all()


class ListingRepository(BaseRepository[Listing]):
    model = Listing

    async def get_or_404(self, listing_id: int) -> Listing:
        listing = await self.session.get(Listing, listing_id)
        if listing is None or listing.status == "deleted":
            raise HTTPException(status_code=404, detail="Listing not found")
        return listing

    async def get_for_update(self, listing_id: int) -> Listing:
        stmt = select(Listing).where(Listing.id == listing_id).with_for_update()
        listing = (await self.session.execute(stmt)).scalar_one_or_none()
        if listing is None:
            raise NotFoundError(f"listing {listing_id} not found")
        return listing

    async def by_ids(self, ids: Sequence[int]) -> Sequence[Listing]:
        if not ids:
            return []
        stmt = select(Listing).where(Listing.id.in_(ids), Listing.status == "active")
        return (await self.session.scalars(stmt)).all()

    async def browse(self, category: str, page: int, page_size: int) -> Sequence[Listing]:
        stmt = (
            select(Listing)
            .where(Listing.category == category, Listing.status == "active")
            .order_by(Listing.id.desc())
            .offset((page - 1) * page_size)
            .limit(page_size)
        )
        return (await self.session.scalars(stmt)).all()

    async def browse_after(self, category: str, cursor: int | None, limit: int) -> Sequence[Listing]:
        stmt = select(Listing).where(Listing.category == category, Listing.status == "active")
        if cursor is not None:
            stmt = stmt.where(Listing.id < cursor)
        stmt = stmt.order_by(Listing.id.desc()).limit(limit)
        return (await self.session.scalars(stmt)).all()

    async def full_text(self, q: str, category: str | None, limit: int) -> Sequence[Listing]:
        tsv = func.to_tsvector(literal_column("'simple'"), Listing.title)
        stmt = select(Listing).where(
            tsv.op("@@")(func.plainto_tsquery("simple", q)), Listing.status == "active"
        )
        if category is not None:
            stmt = stmt.where(Listing.category == category)
        return (await self.session.scalars(stmt.limit(limit))).all()


class CategoryRepository(BaseRepository[Category]):
    model = Category

    async def all_ordered(self) -> Sequence[Category]:
        stmt = select(Category).order_by(Category.parent_slug.nulls_first(), Category.position)
        return (await self.session.scalars(stmt)).all()
