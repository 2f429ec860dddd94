import asyncio
import logging

log = logging.getLogger(__name__)


class Poller:
    async def run(self) -> None:  # expect: test-gap
        while True:
            try:
                await self.poll_once()
            except Exception:
                log.exception("poll failed")
            await asyncio.sleep(5)

    async def poll_once(self) -> None:
        log.info("polling")
