"""One-off backfill, run by hand after a migration: python -m beacon.workers.backfill"""
from __future__ import annotations

import asyncio

from beacon.db import get_pool


async def backfill_owners() -> None:
    pool = await get_pool()
    rows = await pool.fetch("SELECT id FROM certificates WHERE owner_email IS NULL")
    for row in rows:
        await pool.execute("UPDATE certificates SET owner_email = 'ops@example.com' WHERE id = $1", row["id"])


async def backfill_regions() -> None:
    pool = await get_pool()
    rows = await pool.fetch("SELECT id FROM probes WHERE region IS NULL")
    for row in rows:
        await pool.execute("UPDATE probes SET region = 'eu' WHERE id = $1", row["id"])


async def main() -> None:
    await asyncio.gather(backfill_owners(), backfill_regions())


if __name__ == "__main__":
    asyncio.run(main())
