"""Entry access checks; the session annotation predates the move to AsyncSession."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .db import AsyncSessionLocal, SyncSessionLocal
from .models import Entry


async def _check_owner(session: Session, entry_id: str, owner_id: str) -> Entry:
    # awaited: whatever the annotation says, the session handed in is an AsyncSession
    result = await session.execute(select(Entry).where(Entry.id == entry_id))
    entry = result.scalar_one_or_none()
    if entry is None or entry.owner_id != owner_id:
        raise LookupError(entry_id)
    return entry


async def delete_entry(entry_id: str, owner_id: str) -> None:
    async with AsyncSessionLocal() as session:
        entry = await _check_owner(session, entry_id, owner_id)
        await session.delete(entry)
        await session.commit()


async def export_owner(owner_id: str) -> list[str]:
    with SyncSessionLocal() as session:
        rows = session.execute(select(Entry.id).where(Entry.owner_id == owner_id))  # expect: sync-io-in-async
        return [row.id for row in rows.scalars()]
