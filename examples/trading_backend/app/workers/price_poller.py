"""Polls ticker_service for the latest price of every active instrument."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import redis.asyncio as redis

from app.config import settings
from app.database import DataManager
from app.services.ticker_client import TickerClient

logger = logging.getLogger(__name__)

STALE_WARNING_SECONDS = 300


class PricePoller:
    def __init__(
        self,
        dm: DataManager,
        ticker: TickerClient,
        redis_client: redis.Redis,
        queue: asyncio.Queue[dict[str, Any]],
        interval: float | None = None,
    ) -> None:
        self.dm = dm
        self.ticker = ticker
        self.redis = redis_client
        self.queue = queue
        self.interval = interval or settings.price_poll_interval

    async def run(self) -> None:
        logger.info("price poller started (every %.1fs)", self.interval)
        while True:
            instruments = await self.dm.list_active_instruments()
            quotes = await self.ticker.get_quotes([inst["symbol"] for inst in instruments])
            updates = []
            latest: dict[str, str] = {}
            for inst in instruments:
                quote = quotes.get(inst["symbol"])
                if quote is None:
                    last_seen = inst["last_price_at"]
                    if last_seen is not None:
                        age = datetime.utcnow() - last_seen.replace(tzinfo=None)
                        if age.total_seconds() > STALE_WARNING_SECONDS:
                            logger.warning("no quote for %s since %s", inst["symbol"], last_seen)
                    continue
                updates.append((inst["id"], quote.last, quote.timestamp))
                latest[inst["symbol"]] = str(quote.last)
                await self.queue.put(
                    {
                        "symbol": inst["symbol"],
                        "bid": str(quote.bid),
                        "ask": str(quote.ask),
                        "last": str(quote.last),
                        "ts": quote.timestamp.isoformat(),
                    }
                )
            if latest:
                await self.redis.hset("last_prices", mapping=latest)
            await self.dm.update_last_prices(updates)
            print(f"price poller: {len(updates)} updated, {len(instruments) - len(updates)} without quote")
            await asyncio.sleep(self.interval)
