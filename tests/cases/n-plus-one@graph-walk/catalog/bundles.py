"""Product bundles that contain other bundles."""
from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import ForeignKey, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

router = APIRouter()


class Base(DeclarativeBase):
    pass


class BundleItem(Base):
    __tablename__ = "bundle_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    bundle_id: Mapped[int] = mapped_column(ForeignKey("bundles.id"))
    child_id: Mapped[int] = mapped_column(ForeignKey("bundles.id"))


async def would_nest_itself(session: AsyncSession, bundle_id: int, child_id: int) -> bool:
    """Follows the containment edges from the child: a path back to the bundle is a cycle."""
    seen: set[int] = set()
    pending: list[int] = [child_id]
    while pending:
        current = pending.pop()
        if current == bundle_id:
            return True
        if current in seen:
            continue
        seen.add(current)
        rows = await session.execute(  # expect: n-plus-one
            select(BundleItem.child_id).where(BundleItem.bundle_id == current)
        )
        pending.extend(rows.scalars().all())
    return False


async def child_counts(session: AsyncSession, bundle_ids: list[int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for bundle_id in bundle_ids:
        rows = await session.execute(  # expect: n-plus-one
            select(BundleItem.id).where(BundleItem.bundle_id == bundle_id)
        )
        counts[bundle_id] = len(rows.scalars().all())
    return counts


@router.post("/bundles/{bundle_id}/items/{child_id}")
async def add_child(bundle_id: int, child_id: int, session: AsyncSession) -> dict[str, bool]:
    return {"cycle": await would_nest_itself(session, bundle_id, child_id)}


@router.get("/bundles/counts")
async def counts(ids: list[int], session: AsyncSession) -> dict[int, int]:
    return await child_counts(session, ids)
