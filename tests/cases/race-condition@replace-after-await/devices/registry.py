"""Device sockets held by this process, one per device."""
import asyncio

from fastapi import WebSocket


class DeviceRegistry:
    def __init__(self) -> None:
        self._sockets: dict[str, WebSocket] = {}
        self._lock = asyncio.Lock()

    async def register(self, device_id: str, websocket: WebSocket) -> None:
        if (old := self._sockets.get(device_id)) is not None:  # expect: race-condition
            await old.close(code=4000)
        self._sockets[device_id] = websocket

    async def register_locked(self, device_id: str, websocket: WebSocket) -> None:
        async with self._lock:
            if (old := self._sockets.get(device_id)) is not None:
                await old.close(code=4000)
            self._sockets[device_id] = websocket

    def unregister(self, device_id: str, websocket: WebSocket) -> None:
        if self._sockets.get(device_id) is websocket:
            del self._sockets[device_id]


class Outbox:
    def __init__(self) -> None:
        self._pending: list[str] = []

    async def push(self, text: str) -> None:
        if self._pending:
            await self._flush()
        self._pending.append(text)

    async def _flush(self) -> None:
        batch, self._pending = self._pending, []
        await asyncio.sleep(0)
        del batch
