"""Runs the ledger scheduler in the one process holding the database advisory lock."""
from __future__ import annotations

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import text

from ledger.db import SessionLocal
from ledger.jobs import close_stale_holds

LEADER_KEY = 4242
scheduler = AsyncIOScheduler(timezone="UTC")
_lock_session = None


async def start_if_leader() -> bool:
    """Only the process that takes the advisory lock schedules the jobs; the others return."""
    global _lock_session
    session = SessionLocal()
    result = await session.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": LEADER_KEY})
    if not result.scalar():
        await session.close()
        return False
    _lock_session = session
    scheduler.add_job(close_stale_holds, "interval", minutes=5, id="holds")
    if not scheduler.running:
        scheduler.start()
    return True
