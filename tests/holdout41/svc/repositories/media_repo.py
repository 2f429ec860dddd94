from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import MediaAsset


async def create(
    session: AsyncSession, *, owner_id: int, kind: str, storage_key: str, content_type: str, size_bytes: int
) -> MediaAsset:
    asset = MediaAsset(
        owner_id=owner_id, kind=kind, storage_key=storage_key, content_type=content_type, size_bytes=size_bytes
    )
    session.add(asset)
    await session.flush()
    return asset


async def get(session: AsyncSession, asset_id: int) -> MediaAsset | None:
    return await session.get(MediaAsset, asset_id)


async def used_bytes(session: AsyncSession, owner_id: int) -> int:
    total = await session.scalar(
        select(func.coalesce(func.sum(MediaAsset.size_bytes), 0)).where(MediaAsset.owner_id == owner_id)
    )
    return int(total or 0)


async def mark_ready(session: AsyncSession, asset_id: int, **fields) -> None:
    await session.execute(
        update(MediaAsset).where(MediaAsset.id == asset_id).values(status="ready", **fields)
    )


async def mark_failed(session: AsyncSession, asset_id: int) -> None:
    await session.execute(update(MediaAsset).where(MediaAsset.id == asset_id).values(status="failed"))
