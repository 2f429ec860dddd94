"""The reconciler: claims pending rows, pushes them, marks them synced."""
from __future__ import annotations

import asyncio

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from sync.models import Chunk, Thumbnail

engine = create_async_engine("postgresql+asyncpg://localhost/app")
sessions = async_sessionmaker(engine, expire_on_commit=False)


async def _pending_chunks(db: AsyncSession, batch: int = 50) -> list[Chunk]:
    """Pick documents with pending chunks, then claim all their pending chunks under a row lock."""
    documents = (await db.execute(
        select(Chunk.document_id).where(Chunk.sync_state == "pending").group_by(Chunk.document_id).limit(batch)
    )).scalars().all()
    if not documents:
        return []
    rows = await db.execute(
        select(Chunk)
        .where(Chunk.document_id.in_(documents), Chunk.sync_state == "pending")
        .with_for_update(skip_locked=True)
    )
    return list(rows.scalars().all())


async def _pending_thumbnails(db: AsyncSession, batch: int = 50) -> list[Thumbnail]:
    rows = await db.execute(select(Thumbnail).where(Thumbnail.sync_state == "pending").limit(batch))
    return list(rows.scalars().all())


async def _mark_chunks(db: AsyncSession, chunks: list[Chunk]) -> None:
    await db.execute(update(Chunk).where(Chunk.id.in_([c.id for c in chunks])).values(sync_state="synced"))


async def _mark_thumbnails(db: AsyncSession, thumbs: list[Thumbnail]) -> None:
    await db.execute(update(Thumbnail).where(Thumbnail.id.in_([t.id for t in thumbs])).values(sync_state="synced"))


async def reconcile_chunks() -> bool:
    async with sessions() as db:
        chunks = await _pending_chunks(db)
        if not chunks:
            return False
        await _mark_chunks(db, chunks)
        await db.commit()
        return True


async def reconcile_thumbnails() -> bool:
    async with sessions() as db:
        thumbs = await _pending_thumbnails(db)  # expect: race-condition
        if not thumbs:
            return False
        await _mark_thumbnails(db, thumbs)
        await db.commit()
        return True


async def run_forever() -> None:
    while True:
        try:
            await reconcile_chunks()
            await reconcile_thumbnails()
        except Exception:
            pass
        await asyncio.sleep(30)
