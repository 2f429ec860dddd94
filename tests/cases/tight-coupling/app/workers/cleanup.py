import asyncio
import logging

from app.database import DataManager

log = logging.getLogger(__name__)


class Cleanup:
    def __init__(self, dm: DataManager) -> None:
        self.dm = dm
        self._lock = asyncio.Lock()

    async def run(self) -> None:
        while True:
            try:
                async with self._lock:
                    await self.purge()
            except Exception:
                log.exception("cleanup failed")
            await asyncio.sleep(60)

    async def purge(self) -> None:
        async with self.dm._pool.acquire() as conn:  # expect: tight-coupling
            await conn.execute("DELETE FROM orders WHERE status = 'cancelled'")


def archive_table(name: str) -> str:
    from app.sqlutil import _quote_ident

    return f"ALTER TABLE {_quote_ident(name)} SET SCHEMA archive"
