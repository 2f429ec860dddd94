from __future__ import annotations

import asyncio
import json
import logging
import random
from collections.abc import Awaitable, Callable
from typing import Any

import websockets

from ..config import get_settings

log = logging.getLogger(__name__)

TickHandler = Callable[[dict[str, Any]], Awaitable[None]]


class ExchangeFeedClient:
    """Keeps one upstream websocket to the exchange feed and hands each tick to a handler."""

    def __init__(self, on_tick: TickHandler) -> None:
        self._on_tick = on_tick
        self._symbols: set[str] = set()
        self._ws: Any = None
        self._stopping = asyncio.Event()

    async def subscribe(self, symbol: str) -> None:
        self._symbols.add(symbol)
        if self._ws is not None:
            await self._ws.send(json.dumps({"op": "subscribe", "symbols": [symbol]}))

    async def run(self) -> None:
        settings = get_settings()
        backoff = 0.5
        while not self._stopping.is_set():
            try:
                async with websockets.connect(
                    settings.exchange_feed_url,
                    additional_headers={"Authorization": f"Bearer {settings.exchange_feed_token}"},
                    open_timeout=10,
                    ping_interval=15,
                    ping_timeout=10,
                ) as ws:
                    self._ws = ws
                    backoff = 0.5
                    if self._symbols:
                        await ws.send(json.dumps({"op": "subscribe", "symbols": sorted(self._symbols)}))
                    async for raw in ws:
                        await self._on_tick(json.loads(raw))
            except (OSError, websockets.ConnectionClosed, asyncio.TimeoutError) as exc:
                log.warning("exchange feed disconnected: %s; reconnecting in %.1fs", exc, backoff)
            except Exception:
                log.exception("exchange feed failed; reconnecting in %.1fs", backoff)
            finally:
                self._ws = None
            await asyncio.sleep(backoff + random.random() * backoff)
            backoff = min(backoff * 2, 30.0)

    def stop(self) -> None:
        self._stopping.set()
