from __future__ import annotations

import asyncio
import logging
import uuid
from collections import defaultdict
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from ..config import get_settings
from ..routers.deps import authenticate_ws
from ..services import quotes as quote_service

log = logging.getLogger(__name__)
router = APIRouter()

MAX_SYMBOLS_PER_CONNECTION = 50


class Subscriber:
    __slots__ = ("id", "queue", "symbols", "dropped")

    def __init__(self, subscriber_id: str, max_pending: int = 256) -> None:
        self.id = subscriber_id
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=max_pending)
        self.symbols: set[str] = set()
        self.dropped = 0

    def offer(self, message: dict[str, Any]) -> None:
        try:
            self.queue.put_nowait(message)
        except asyncio.QueueFull:
            # drop the oldest tick; quotes are superseded by newer ones
            self.queue.get_nowait()
            self.queue.put_nowait(message)
            self.dropped += 1


class MarketDataHub:
    """Fans ticks from this replica's exchange feed out to its own websocket subscribers."""

    def __init__(self) -> None:
        self._subscribers: dict[str, Subscriber] = {}
        self._by_symbol: dict[str, set[str]] = defaultdict(set)

    @property
    def connection_count(self) -> int:
        return len(self._subscribers)

    def add(self, subscriber: Subscriber) -> None:
        self._subscribers[subscriber.id] = subscriber

    def remove(self, subscriber_id: str) -> None:
        subscriber = self._subscribers.pop(subscriber_id, None)
        if subscriber is None:
            return
        for symbol in subscriber.symbols:
            ids = self._by_symbol.get(symbol)
            if ids is not None:
                ids.discard(subscriber_id)
                if not ids:
                    del self._by_symbol[symbol]

    def subscribe(self, subscriber_id: str, symbol: str) -> bool:
        subscriber = self._subscribers.get(subscriber_id)
        if subscriber is None:
            return False
        subscriber.symbols.add(symbol)
        new_symbol = symbol not in self._by_symbol
        self._by_symbol[symbol].add(subscriber_id)
        return new_symbol

    def unsubscribe(self, subscriber_id: str, symbol: str) -> None:
        subscriber = self._subscribers.get(subscriber_id)
        if subscriber is not None:
            subscriber.symbols.discard(symbol)
        ids = self._by_symbol.get(symbol)
        if ids is not None:
            ids.discard(subscriber_id)
            if not ids:
                del self._by_symbol[symbol]

    def publish(self, symbol: str, message: dict[str, Any]) -> None:
        for subscriber_id in self._by_symbol.get(symbol, ()):
            subscriber = self._subscribers.get(subscriber_id)
            if subscriber is not None:
                subscriber.offer(message)


hub = MarketDataHub()


async def _pump(websocket: WebSocket, subscriber: Subscriber) -> None:
    while True:
        message = await subscriber.queue.get()
        await websocket.send_json(message)


@router.websocket("/ws/market-data")
async def market_data(websocket: WebSocket) -> None:
    settings = get_settings()
    customer_id = await authenticate_ws(websocket)
    if customer_id is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if hub.connection_count >= settings.max_ws_connections:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    subscriber = Subscriber(uuid.uuid4().hex)
    hub.add(subscriber)
    pump = asyncio.create_task(_pump(websocket, subscriber))
    feed = websocket.app.state.exchange_feed
    try:
        while True:
            msg = await asyncio.wait_for(websocket.receive_json(), timeout=settings.ws_idle_timeout_seconds)
            if msg.get("op") == "ping":
                await websocket.send_json({"op": "pong"})
            elif msg.get("op") == "subscribe":
                added: list[str] = []
                for symbol in msg.get("symbols", [])[:MAX_SYMBOLS_PER_CONNECTION]:
                    if len(subscriber.symbols) >= MAX_SYMBOLS_PER_CONNECTION:
                        break
                    added.append(symbol.upper())
                    if hub.subscribe(subscriber.id, symbol.upper()):
                        await feed.subscribe(symbol.upper())
                snapshot = await quote_service.get_quotes(added)
                for quote in snapshot.values():
                    subscriber.offer({"type": "quote", **quote.model_dump(mode="json")})
            elif msg.get("op") == "unsubscribe":
                for symbol in msg.get("symbols", []):
                    hub.unsubscribe(subscriber.id, symbol.upper())
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        pump.cancel()
        hub.remove(subscriber.id)
        log.debug("market data subscriber %s closed (dropped %d ticks)", subscriber.id, subscriber.dropped)
