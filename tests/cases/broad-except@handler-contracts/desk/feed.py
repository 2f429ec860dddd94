"""A market feed: status probes, success flags, teardown and polling loops."""
import asyncio
import enum

from .log import log


class LinkStatus(enum.Enum):
    UP = 1
    DOWN = 2


class Feed:
    def __init__(self, client, socket):
        self._client = client
        self._socket = socket

    async def link_status(self) -> LinkStatus:
        try:
            await self._client.get("/time")
        except asyncio.CancelledError:
            raise
        except Exception:
            return LinkStatus.DOWN
        return LinkStatus.UP

    async def book_status(self) -> LinkStatus:
        try:
            status = await self._client.book_status()
        except asyncio.CancelledError:
            raise
        except Exception:
            status = LinkStatus.DOWN
        return status

    async def follow(self, symbol: str) -> bool:
        ok = True
        try:
            await self._socket.send({"op": "follow", "symbol": symbol})
        except Exception:
            ok = False
        return ok

    async def _drop_socket(self, socket):
        try:
            await socket.disconnect()
        except Exception:
            pass

    async def poll_quotes(self):
        while True:
            try:
                quotes = await self._client.get("/quotes")
                self.apply(quotes)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.feed("quote poll failed", exc_info=True)
            await asyncio.sleep(5)

    async def poll_fills(self):
        while True:
            try:
                fills = await self._client.get("/fills")
                self.apply(fills)
            except Exception as exc:  # expect: broad-except
                log.feed(f"fill poll failed: {exc}")
            await asyncio.sleep(5)

    def remember(self, store, quote):
        try:
            asyncio.create_task(store.save(quote))
        except Exception as exc:
            log.error("could not schedule the save: %s", exc)

    async def leverage(self, symbol: str, value: int) -> tuple[bool, str]:
        try:
            await self._client.post("/leverage", {"symbol": symbol, "value": value})
        except Exception as exc:  # expect: broad-except
            return False, str(exc)
        return True, ""

    def apply(self, rows):
        return rows


class Job:
    def __init__(self, work):
        self.work = work
        self.failed = False
        self.output = ""

    async def run(self):
        try:
            self.output = await self.work()
        except Exception as exc:  # expect: broad-except
            self.failed = True
            self.output = str(exc)
