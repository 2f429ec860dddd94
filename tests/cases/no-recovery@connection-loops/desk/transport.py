"""A client transport to the telephony bridge: one read loop per connection."""
import asyncio
import json
import logging

import websockets

log = logging.getLogger(__name__)


class BridgeTransport:
    def __init__(self, url: str) -> None:
        self._url = url
        self._socket = None
        self._reader: asyncio.Task | None = None
        self._pending: dict[int, asyncio.Future] = {}
        self.closed_reason = ""

    async def connect(self) -> None:
        self._socket = await websockets.connect(self._url, open_timeout=10)
        self._reader = asyncio.create_task(self._read_loop())

    async def _read_loop(self) -> None:
        try:
            while True:
                raw = await self._socket.recv()
                self._dispatch(json.loads(raw))
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self._mark_closed(str(exc) or "connection closed")

    def _dispatch(self, message: dict) -> None:
        future = self._pending.pop(message.get("id", -1), None)
        if future is not None and not future.done():
            future.set_result(message)

    def _mark_closed(self, reason: str) -> None:
        self.closed_reason = reason
        for future in self._pending.values():
            if not future.done():
                future.set_exception(ConnectionError(reason))
        self._pending.clear()


class CallEventsFeed:
    """Process-wide feed of call events: it opens its own socket and never reconnects."""

    def __init__(self, url: str, sink) -> None:
        self._url = url
        self._sink = sink

    def start(self) -> None:
        asyncio.create_task(self.run())

    async def run(self) -> None:
        async with websockets.connect(self._url, open_timeout=10) as socket:
            try:
                while True:  # expect: no-recovery
                    event = json.loads(await socket.recv())
                    await self._sink.record(event)
            finally:
                log.info("call events feed closed")
