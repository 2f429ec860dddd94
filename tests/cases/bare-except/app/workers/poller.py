"""Background poller started from the application lifespan."""
from __future__ import annotations

import asyncio
import logging

logger = logging.getLogger(__name__)


class Poller:
    def __init__(self, client, interval: float = 5.0) -> None:
        self.client = client
        self.interval = interval

    async def poll_once(self) -> None:
        await self.client.refresh()

    async def run(self) -> None:
        while True:
            try:
                await self.poll_once()
            except:  # expect: bare-except
                logger.exception("poll failed")
            await asyncio.sleep(self.interval)

    async def run_safely(self) -> None:
        while True:
            try:
                await self.poll_once()
            except Exception:
                logger.exception("poll failed")
            await asyncio.sleep(self.interval)

    async def refresh_in_transaction(self, conn) -> None:
        tx = conn.transaction()
        await tx.start()
        try:
            await self.client.refresh(conn)
        except:
            await tx.rollback()
            raise
        await tx.commit()
