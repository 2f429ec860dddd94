"""Smart-charging scheduler: keeps every site under its grid limit and follows day-ahead prices."""
from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.cache import SiteConfigCache
from svc.clients.energy import EnergyMarketClient, GridOperatorClient
from svc.config import settings
from svc.db.repositories.catalog import ChargePointRepository
from svc.errors import NotFoundError, UpstreamError
from svc.services.feeds import SESSION_EVENTS_STREAM
from svc.services.smart_charging import ConnectorLoad, LoadBalancer, SiteState, build_tx_profile
from svc.utils.timeutil import utcnow
from svc.ws.routing import OcppCommandBus

log = logging.getLogger(__name__)

_last_rebalance: dict[int, float] = {}

FLEX_OFFER_MIN_KW = 50.0


class SmartChargingScheduler:
    def __init__(
        self,
        *,
        session_factory: async_sessionmaker[AsyncSession],
        redis: Redis,
        grid: GridOperatorClient,
        market: EnergyMarketClient,
        bus: OcppCommandBus,
        site_cache: SiteConfigCache,
        balancer: LoadBalancer | None = None,
        max_parallel_commands: int = 32,
    ) -> None:
        self._session_factory = session_factory
        self._redis = redis
        self._grid = grid
        self._market = market
        self._bus = bus
        self._site_cache = site_cache
        self._balancer = balancer or LoadBalancer()
        self._sites: dict[int, SiteState] = {}
        self._send_sem = asyncio.Semaphore(max_parallel_commands)
        self._stopping = asyncio.Event()

    async def run(self) -> None:
        consumer = asyncio.create_task(self._consume_events(), name="smart-charging-events")
        try:
            while not self._stopping.is_set():
                started = time.monotonic()
                try:
                    await self.run_cycle()
                except Exception:
                    log.exception("smart charging cycle failed")
                elapsed = time.monotonic() - started
                await asyncio.sleep(max(settings.scheduler_interval - elapsed, 1.0))
        finally:
            consumer.cancel()

    async def run_cycle(self) -> None:
        async with self._session_factory() as db:
            sites = await ChargePointRepository(db).list_sites()
        for site in sites:
            await self._rebalance_site(site.id)

    async def _rebalance_site(self, site_id: int) -> None:
        config = await self._site_cache.get(site_id)
        limits = config["limits"]
        state = self._sites.setdefault(site_id, SiteState(site_id=site_id, limit_kw=float(limits["max_kw"])))
        grid_limit = self._grid.fetch_capacity_limit(config["grid_ref"])
        prices = await self._market.day_ahead_prices(config["zone"], utcnow().date())
        limit_kw = min(float(limits["max_kw"]), grid_limit)
        if prices and prices[utcnow().hour] > limits["price_cap_eur_kwh"]:
            limit_kw *= limits["expensive_hour_factor"]
            limits["max_kw"] = limit_kw
        allocation = await self._balancer.rebalance(state, limit_kw)
        await asyncio.gather(*(self._send_profile(state, tx, kw) for tx, kw in allocation.items()))
        _last_rebalance[site_id] = time.time()
        spare = self._balancer.unused_kw(state)
        if spare >= FLEX_OFFER_MIN_KW:
            offer = {"kw": round(spare, 1), "duration_minutes": 15, "site": config["grid_ref"]}
            await asyncio.to_thread(self._grid.submit_flex_offer, config["grid_ref"], offer)

    async def _send_profile(self, site: SiteState, transaction_id: int, kw: float) -> None:
        load = site.loads.get(transaction_id)
        if load is None:
            return
        payload = {"connectorId": load.connector_no, "csChargingProfiles": build_tx_profile(transaction_id, kw)}
        async with self._send_sem:
            try:
                await self._bus.send(load.chargepoint_id, "SetChargingProfile", payload, timeout=15.0)
            except (NotFoundError, UpstreamError, asyncio.TimeoutError) as exc:
                log.warning("profile for tx %s on %s not applied: %s", transaction_id, load.chargepoint_id, exc)

    async def _consume_events(self) -> None:
        last_id = "$"
        while not self._stopping.is_set():
            try:
                entries = await self._redis.xread({SESSION_EVENTS_STREAM: last_id}, count=100, block=1000)
            except RedisError as exc:
                log.warning("session event stream unavailable: %s", exc)
                await asyncio.sleep(2.0)
                continue
            for _stream, messages in entries or []:
                for message_id, fields in messages:
                    last_id = message_id
                    await self._dispatch_event(fields)

    async def _dispatch_event(self, fields: dict[str, Any]) -> None:
        if fields.get("type") == "site.updated":
            await self._site_cache.invalidate(int(fields["site_id"]))
            return
        site = self._sites.get(int(fields.get("site_id", 0)))
        if site is not None:
            await self._on_session_event(site, fields)

    async def _on_session_event(self, site: SiteState, fields: dict[str, Any]) -> None:
        transaction_id = int(fields["transaction_id"])
        async with site.sessions_lock:
            if fields["type"] == "session.started":
                site.loads[transaction_id] = ConnectorLoad(
                    chargepoint_id=fields["chargepoint_id"],
                    connector_no=int(fields["connector_no"]),
                    transaction_id=transaction_id,
                    max_kw=float(fields["max_kw"]),
                )
                return
            site.loads.pop(transaction_id, None)
            await self._balancer.release_budget(site, transaction_id)
