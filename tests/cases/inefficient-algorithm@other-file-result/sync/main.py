"""Nightly badge reconciliation job."""
from __future__ import annotations

import asyncio
import os

import asyncpg

from .worker import Reconciler


async def main() -> None:
    pool = await asyncpg.create_pool(os.environ["DATABASE_URL"])
    reconciler = Reconciler(pool, controller=None)
    for site_id in (1, 2, 3):
        print(await reconciler.stale(site_id), await reconciler.revoked_still_held(site_id))


if __name__ == "__main__":
    asyncio.run(main())
