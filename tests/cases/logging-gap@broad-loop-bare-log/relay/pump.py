"""Long-running loops that pull work from a broker and push it on."""
import asyncio
import logging

logger = logging.getLogger("relay.pump")


class OutboxPump:
    def __init__(self, store, publisher, period: float = 2.0) -> None:
        self.store = store
        self.publisher = publisher
        self.period = period

    async def drain_once(self) -> int:
        batch = await self.store.pending(limit=100)
        for row in batch:
            await self.publisher.publish(row.topic, row.payload)
            await self.store.mark_sent(row.id)
        return len(batch)

    async def run(self) -> None:
        while True:
            try:
                await self.drain_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.error("outbox drain failed")  # expect: logging-gap
            await asyncio.sleep(self.period)

    async def run_with_trace(self) -> None:
        # look-alike: the traceback is kept
        while True:
            try:
                await self.drain_once()
            except Exception:
                logger.warning("outbox drain failed", exc_info=True)
            await asyncio.sleep(self.period)
