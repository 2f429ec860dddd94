"""Websocket fan-out of ticks."""
import asyncio

from fastapi import WebSocket


class Hub:
    def __init__(self) -> None:
        self.clients: set[WebSocket] = set()

    async def pump(self, queue: asyncio.Queue) -> None:
        while True:
            tick = await queue.get()
            await self.broadcast(tick)

    async def broadcast(self, message: dict) -> None:
        for client in list(self.clients):
            await client.send_json(message)  # expect: backpressure

    async def broadcast_with_timeout(self, message: dict) -> None:
        for client in list(self.clients):
            try:
                await asyncio.wait_for(client.send_json(message), timeout=2)
            except Exception:
                self.clients.discard(client)

    async def announce(self, title: str, body: dict) -> None:
        for client in list(self.clients):
            await client.send_text(title)  # expect: backpressure
            await client.send_json(body)

    async def send_history(self, websocket: WebSocket, chunks: list[dict]) -> None:
        for chunk in chunks:
            await websocket.send_json(chunk)


hub = Hub()
