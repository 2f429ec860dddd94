"""Live board updates: each socket gets its own send task."""
from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from typing import Any

import redis.asyncio as redis
from starlette.websockets import WebSocket


class BoardHub:
    """Fed directly by the request that moves a card: only this process's viewers see it."""

    def __init__(self) -> None:
        self._viewers: dict[int, set[WebSocket]] = defaultdict(set)  # expect: horizontal-scaling-blocker

    def join(self, board_id: int, ws: WebSocket) -> None:
        self._viewers[board_id].add(ws)

    def leave(self, board_id: int, ws: WebSocket) -> None:
        self._viewers[board_id].discard(ws)

    def publish(self, board_id: int, event: dict[str, Any]) -> None:
        for ws in list(self._viewers.get(board_id, ())):
            asyncio.create_task(self._send(board_id, ws, event))

    async def _send(self, board_id: int, ws: WebSocket, event: dict[str, Any]) -> None:
        try:
            await asyncio.wait_for(ws.send_json(event), timeout=2.0)
        except Exception:
            self.leave(board_id, ws)


class BannerHub:
    """Fed only by a Redis subscription every process runs: each process serves its own viewers."""

    def __init__(self) -> None:
        self._viewers: dict[int, set[WebSocket]] = defaultdict(set)

    def join(self, board_id: int, ws: WebSocket) -> None:
        self._viewers[board_id].add(ws)

    def leave(self, board_id: int, ws: WebSocket) -> None:
        self._viewers[board_id].discard(ws)

    def deliver(self, board_id: int, event: dict[str, Any]) -> None:
        for ws in list(self._viewers.get(board_id, ())):
            asyncio.create_task(self._send(board_id, ws, event))

    async def _send(self, board_id: int, ws: WebSocket, event: dict[str, Any]) -> None:
        try:
            await asyncio.wait_for(ws.send_json(event), timeout=2.0)
        except Exception:
            self.leave(board_id, ws)

    async def listen(self, client: redis.Redis) -> None:
        pubsub = client.pubsub()
        await pubsub.psubscribe("banners:*")
        async for message in pubsub.listen():
            if message["type"] == "pmessage":
                payload = json.loads(message["data"])
                self.deliver(payload["board"], payload)


class DeskHub:
    """Fed by a request; the fan-out gathers one send per socket over a copy of the registry."""

    def __init__(self) -> None:
        self._desks: dict[str, WebSocket] = {}  # expect: horizontal-scaling-blocker

    def register(self, name: str, ws: WebSocket) -> None:
        self._desks[name] = ws

    def unregister(self, name: str) -> None:
        self._desks.pop(name, None)

    async def _send(self, name: str, ws: WebSocket, event: dict[str, Any]) -> None:
        try:
            await asyncio.wait_for(ws.send_json(event), timeout=2.0)
        except Exception:
            self.unregister(name)

    async def broadcast(self, event: dict[str, Any]) -> None:
        targets = list(self._desks.items())
        await asyncio.gather(*(self._send(n, ws, event) for n, ws in targets))


class TickerHub:
    """The same gathered fan-out, fed only by a Redis subscription every process runs."""

    def __init__(self) -> None:
        self._desks: dict[str, WebSocket] = {}

    def register(self, name: str, ws: WebSocket) -> None:
        self._desks[name] = ws

    def unregister(self, name: str) -> None:
        self._desks.pop(name, None)

    async def _send(self, name: str, ws: WebSocket, event: dict[str, Any]) -> None:
        try:
            await asyncio.wait_for(ws.send_json(event), timeout=2.0)
        except Exception:
            self.unregister(name)

    async def deliver(self, event: dict[str, Any]) -> None:
        targets = list(self._desks.items())
        await asyncio.gather(*(self._send(n, ws, event) for n, ws in targets))

    async def listen(self, client: redis.Redis) -> None:
        pubsub = client.pubsub()
        await pubsub.subscribe("ticker")
        async for message in pubsub.listen():
            if message["type"] == "message":
                await self.deliver(json.loads(message["data"]))
