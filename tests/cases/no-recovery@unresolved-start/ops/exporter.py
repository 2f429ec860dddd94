"""Ledger export loop, started through a factory handed to the runner module."""
import asyncio
import logging

from ops.store import LedgerStore

logger = logging.getLogger(__name__)


async def export_forever(store: LedgerStore, pause: float) -> None:
    while True:
        try:
            rows = await store.unexported()
            await store.mark_exported([row["id"] for row in rows])
            await asyncio.sleep(pause)
        except asyncio.CancelledError:
            raise
        except Exception:  # expect: no-recovery
            logger.exception("ledger export crashed")
