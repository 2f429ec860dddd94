"""Quote stream consumer: reads ticks from the exchange socket and stores the last price."""
from __future__ import annotations

import json
import logging

logger = logging.getLogger(__name__)


class QuoteFeed:
    def __init__(self, socket, cache, symbols: list[str], max_batch: int = 100) -> None:
        self.socket = socket
        self.cache = cache
        self.symbols = symbols
        self.max_batch = max_batch
        self.received = 0
        self.dropped = 0

    async def consume(self) -> None:  # expect: duplicate-code
        await self.socket.send(json.dumps({"op": "subscribe", "channel": "quotes", "symbols": self.symbols}))
        async for raw in self.socket:
            message = json.loads(raw)
            if message.get("type") == "heartbeat":
                continue
            symbol = message.get("symbol", "").upper()
            if symbol not in self.symbols:
                self.dropped += 1
                logger.debug("dropping quote for unsubscribed %s", symbol)
                continue
            self.received += 1
            await self.cache.set(f"quote:{symbol}", message["price"], ex=30)

    def stats(self) -> dict[str, int]:
        return {"received": self.received, "dropped": self.dropped}
