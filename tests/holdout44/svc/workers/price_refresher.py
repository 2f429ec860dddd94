"""Refreshes spot prices into redis and the snapshot table; pushes ticks to subscribers."""
from __future__ import annotations

import asyncio
import logging

import redis.asyncio as redis

from svc.clients.price_client import PriceClient
from svc.db.engine import sessionmaker
from svc.repositories.accounts import AccountRepository, PriceRepository
from svc.services.notification_service import NotificationService
from svc.services.valuation_service import LAST_PRICE_KEY
from svc.utils import locks
from svc.utils.observability import WORKER_ERRORS

log = logging.getLogger(__name__)

TRACKED_ASSETS = ("btc", "eth", "usdc")


class PriceRefresher:
    name = "price-refresher"

    def __init__(self, prices: PriceClient, redis_client: redis.Redis, notifier: NotificationService, interval_s: float = 15) -> None:
        self.prices = prices
        self.redis = redis_client
        self.notifier = notifier
        self.interval_s = interval_s

    async def refresh(self) -> None:
        quotes = await self.prices.spot_many(list(TRACKED_ASSETS))
        async with self.redis.pipeline(transaction=False) as pipe:
            for asset, price in quotes.items():
                pipe.set(LAST_PRICE_KEY.format(asset=asset), str(price), ex=3600)
            await pipe.execute()
        async with sessionmaker()() as session:
            repo = PriceRepository(session)
            for asset, price in quotes.items():
                await repo.record(asset, price, "spot-feed")
            customer_ids = await AccountRepository(session).all_customer_ids()
            await session.commit()
        for asset, price in quotes.items():
            await self.notifier.price_tick(asset, str(price))
        await asyncio.gather(*(self.notifier.balance_changed(cid, "*") for cid in customer_ids))

    async def run(self) -> None:
        while True:
            try:
                async with locks.distributed_lock(self.redis, self.name, ttl_ms=int(self.interval_s * 1000)):
                    await self.refresh()
            except locks.LockNotAcquired:
                log.debug("another replica is refreshing prices")
            except Exception:
                WORKER_ERRORS.labels(self.name).inc()
                log.exception("price refresh failed")
            await asyncio.sleep(self.interval_s)
