"""A hardware callback thread hands readings to the service's event loop."""
import asyncio
import logging

log = logging.getLogger(__name__)


class ReadingSink:
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._stored = 0

    async def store(self, value: float) -> None:
        if value < 0:
            raise ValueError("negative reading")
        self._stored += 1

    def on_reading(self, value: float) -> None:
        """Called on the driver's thread for every reading."""
        asyncio.run_coroutine_threadsafe(self.store(value), self._loop)  # expect: backpressure

    def on_calibration(self, value: float) -> None:
        """Called on the driver's thread; waits until the loop stored the value."""
        future = asyncio.run_coroutine_threadsafe(self.store(value), self._loop)
        try:
            future.result(timeout=5)
        except Exception:
            log.exception("calibration reading %s not stored", value)
