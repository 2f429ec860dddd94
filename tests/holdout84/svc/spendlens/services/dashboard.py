from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from fastapi import WebSocket
from redis.asyncio import Redis

from ..clients.forecast import ForecastClient
from ..clients.fx import FxRates
from ..repositories.accounts import AccountRepository
from ..repositories.costs import CostRepository
from .cache import SpendCache

logger = logging.getLogger(__name__)


class DashboardHub:
    """Relays spend updates from redis pub/sub to the websocket clients connected to this process."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._connections: dict[int, set[WebSocket]] = defaultdict(set)
        self._queues: dict[WebSocket, asyncio.Queue[str]] = {}
        self._senders: dict[WebSocket, asyncio.Task] = {}
        self._lock = asyncio.Lock()

    def connection_count(self, tenant_id: int) -> int:
        return len(self._connections.get(tenant_id, ()))

    async def register(self, tenant_id: int, websocket: WebSocket) -> None:
        queue: asyncio.Queue[str] = asyncio.Queue()
        async with self._lock:
            self._connections[tenant_id].add(websocket)
            self._queues[websocket] = queue
            self._senders[websocket] = asyncio.create_task(self._pump(websocket, queue))

    async def unregister(self, tenant_id: int, websocket: WebSocket) -> None:
        async with self._lock:
            peers = self._connections.get(tenant_id)
            if peers is not None:
                peers.discard(websocket)
                if not peers:
                    del self._connections[tenant_id]
            self._queues.pop(websocket, None)
            sender = self._senders.pop(websocket, None)
        if sender is not None:
            sender.cancel()

    async def _pump(self, websocket: WebSocket, queue: asyncio.Queue[str]) -> None:
        while True:
            message = await queue.get()
            await websocket.send_text(message)

    async def run_subscriber(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.psubscribe("spend:updates:*")
        try:
            async for message in pubsub.listen():
                if message["type"] != "pmessage":
                    continue
                tenant_id = int(message["channel"].rsplit(":", 1)[1])
                async with self._lock:  # snapshot under the lock, deliver outside it
                    targets = [self._queues[ws] for ws in self._connections.get(tenant_id, ()) if ws in self._queues]
                for queue in targets:
                    queue.put_nowait(message["data"])
        finally:
            await pubsub.aclose()


class DashboardService:
    def __init__(
        self,
        accounts: AccountRepository,
        costs: CostRepository,
        cache: SpendCache,
        fx: FxRates,
        forecast: ForecastClient,
    ) -> None:
        self._accounts = accounts
        self._costs = costs
        self._cache = cache
        self._fx = fx
        self._forecast = forecast

    async def day_summary(self, tenant_id: int, day: date, currency: str = "USD") -> dict:
        cached = await self._cache.get_summary(tenant_id, day, day, "account")
        if cached is not None:
            return cached
        by_account: dict[str, Decimal] = {}
        for account in await self._accounts.list_for_tenant(tenant_id):
            total = await self._costs.total_for_account(account.id, day)
            by_account[account.display_name] = await self._fx.convert(total, "USD", currency)
        result = {
            "tenant_id": tenant_id,
            "day": day.isoformat(),
            "currency": currency,
            "total": str(sum(by_account.values(), Decimal(0))),
            "by_account": {name: str(value) for name, value in by_account.items()},
        }
        await self._cache.set_summary(tenant_id, day, day, "account", result)
        return result

    async def range_totals(self, tenant_id: int, start: date, end: date) -> dict[int, Decimal]:
        return await self._costs.totals_by_account(tenant_id, start, end)

    async def forecast(self, tenant_id: int, horizon_days: int = 30) -> list[dict]:
        series = await self._costs.tenant_daily_totals(tenant_id, date.today() - timedelta(days=120))
        return await self._forecast.forecast(tenant_id, series, horizon_days)


def encode_update(kind: str, payload: dict) -> str:
    return json.dumps({"type": kind, **payload}, default=str)
