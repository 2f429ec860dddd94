"""Periodic jobs, each started on an instance built where the task is created."""
import asyncio
import logging

from sqlalchemy import text

from depot.db import SessionLocal

logger = logging.getLogger(__name__)


class ReservationSweeper:
    """Frees reservations nobody confirmed. One failed round ends it for good."""

    def __init__(self, interval: float = 15.0) -> None:
        self._interval = interval

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            freed = await self.sweep_once()  # expect: no-recovery
            if freed:
                logger.info("freed %d reservations", freed)

    async def sweep_once(self) -> int:
        async with SessionLocal() as session:
            result = await session.execute(text("UPDATE reservations SET status = 'open' WHERE expires_at < now()"))
            await session.commit()
        return result.rowcount


class StockAuditor:
    """Recounts stock; a failed round is logged and the next one runs."""

    def __init__(self, interval: float = 60.0) -> None:
        self._interval = interval

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            try:
                await self.audit_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("stock audit failed")

    async def audit_once(self) -> None:
        async with SessionLocal() as session:
            await session.execute(text("UPDATE items SET counted = (SELECT count(*) FROM units WHERE item_id = items.id)"))
            await session.commit()
