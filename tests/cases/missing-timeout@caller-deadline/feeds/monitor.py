"""Health monitors: the base loop bounds every check with its own deadline."""
import asyncio
import logging

log = logging.getLogger(__name__)


class Monitor:
    check_timeout = 30.0

    def __init__(self) -> None:
        self.healthy = False

    async def check(self) -> bool:
        return True

    async def watch(self) -> None:
        while True:
            try:
                self.healthy = await asyncio.wait_for(self.check(), timeout=self.check_timeout)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("health check failed")
                self.healthy = False
            await asyncio.sleep(10)
