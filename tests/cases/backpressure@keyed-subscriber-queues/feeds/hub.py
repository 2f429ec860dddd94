"""Fans tote-board updates out to the dashboards connected to this process."""
import asyncio


class ToteHub:
    def __init__(self) -> None:
        self._listeners: dict[str, asyncio.Queue] = {}
        self._latest: dict[str, asyncio.Queue] = {}

    def join(self, viewer: str) -> asyncio.Queue:
        inbox = asyncio.Queue()  # expect: backpressure
        self._listeners[viewer] = inbox
        return inbox

    def join_latest(self, viewer: str) -> asyncio.Queue:
        inbox = asyncio.Queue(maxsize=1)
        self._latest[viewer] = inbox
        return inbox

    def leave(self, viewer: str) -> None:
        self._listeners.pop(viewer, None)
        self._latest.pop(viewer, None)

    async def relay(self, source) -> None:
        async for update in source:
            for inbox in list(self._listeners.values()):
                inbox.put_nowait(update)
            for inbox in self._latest.values():
                if inbox.full():
                    inbox.get_nowait()
                inbox.put_nowait(update)
