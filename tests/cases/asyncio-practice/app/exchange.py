"""A client that owns a private loop, driven from synchronous code only."""
import asyncio


class Exchange:
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()

    async def _close_session(self) -> None:
        await asyncio.sleep(0)

    def close(self) -> None:
        self.loop.run_until_complete(self._close_session())
        self.loop.close()


def shutdown(exchange: Exchange) -> None:
    exchange.close()
