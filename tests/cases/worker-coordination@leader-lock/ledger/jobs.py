"""Ledger maintenance jobs."""
from __future__ import annotations

from sqlalchemy import text

from ledger.db import SessionLocal


async def close_stale_holds() -> None:
    async with SessionLocal() as session:
        await session.execute(text("UPDATE holds SET state = 'closed' WHERE expires_at < now()"))
        await session.commit()


async def expire_quotes() -> None:
    async with SessionLocal() as session:
        await session.execute(text("DELETE FROM quotes WHERE valid_until < now()"))
        await session.commit()
