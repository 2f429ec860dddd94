"""Report exports, run as a single dedicated process (`python -m reports.worker`)."""
from __future__ import annotations

import asyncio

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import text

from billing.db import SessionLocal


async def archive_paid_invoices() -> None:
    async with SessionLocal() as session:
        await session.execute(text("UPDATE invoices SET archived = true WHERE status = 'paid'"))
        await session.commit()


async def main() -> None:
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.add_job(archive_paid_invoices, "interval", hours=1, id="archive")
    scheduler.start()
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
