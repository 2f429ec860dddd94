"""Redis connection factory and the caches built on top of it."""
from __future__ import annotations

import json
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from typing import Any

from cachetools import TTLCache
from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.config import settings
from svc.db.models import Tariff
from svc.db.repositories.catalog import ChargePointRepository
from svc.errors import NotFoundError


def build_redis() -> Redis:
    """Connect to the current redis master through sentinel so a failover is followed automatically."""
    sentinel = Sentinel(
        settings.redis_sentinels,
        socket_timeout=settings.redis_socket_timeout,
        sentinel_kwargs={"socket_timeout": settings.redis_socket_timeout, "password": settings.redis_password},
    )
    return sentinel.master_for(
        settings.redis_master_name,
        password=settings.redis_password,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_socket_timeout,
        health_check_interval=30,
        retry_on_timeout=True,
        decode_responses=True,
    )


@dataclass(frozen=True, slots=True)
class TariffView:
    """Immutable snapshot of a tariff, safe to share between requests."""

    id: int
    name: str
    currency: str
    energy_price_per_kwh: str
    time_price_per_min: str
    session_fee: str
    idle_fee_per_min: str
    idle_grace_minutes: int
    dynamic: bool
    zone: str | None
    version: int

    @classmethod
    def from_model(cls, tariff: Tariff) -> TariffView:
        return cls(
            id=tariff.id,
            name=tariff.name,
            currency=tariff.currency,
            energy_price_per_kwh=str(tariff.energy_price_per_kwh),
            time_price_per_min=str(tariff.time_price_per_min),
            session_fee=str(tariff.session_fee),
            idle_fee_per_min=str(tariff.idle_fee_per_min),
            idle_grace_minutes=tariff.idle_grace_minutes,
            dynamic=tariff.dynamic,
            zone=tariff.zone,
            version=tariff.version,
        )

    @classmethod
    def from_json(cls, raw: str) -> TariffView:
        return cls(**json.loads(raw))

    def to_json(self) -> str:
        return json.dumps(asdict(self))


class TariffCache:
    """Two-level tariff cache: a short-lived local TTL cache in front of redis, then the database."""

    def __init__(self, redis: Redis, *, ttl: int = 300) -> None:
        self._redis = redis
        self._ttl = ttl
        self._local: TTLCache[int, TariffView] = TTLCache(maxsize=1024, ttl=60)
        self._lock = threading.Lock()

    async def get(self, tariff_id: int, loader: Callable[[int], Awaitable[Tariff | None]]) -> TariffView | None:
        with self._lock:
            view = self._local.get(tariff_id)
            if view is None:
                raw = await self._redis.get(f"tariff:{tariff_id}")
                if raw is not None:
                    view = TariffView.from_json(raw)
                    self._local[tariff_id] = view
        if view is None:
            model = await loader(tariff_id)
            if model is None:
                return None
            view = TariffView.from_model(model)
            await self._redis.set(f"tariff:{tariff_id}", view.to_json(), ex=self._ttl)
            self._local[tariff_id] = view
        return view

    def invalidate(self, tariff_id: int) -> None:
        self._local.pop(tariff_id, None)


class SiteConfigCache:
    """Site limits and grid references used by the smart-charging scheduler."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession], *, ttl: float = 300.0) -> None:
        self._session_factory = session_factory
        self._ttl = ttl
        self._entries: dict[int, tuple[float, dict[str, Any]]] = {}

    async def get(self, site_id: int) -> dict[str, Any]:
        entry = self._entries.get(site_id)
        if entry is not None and time.monotonic() - entry[0] < self._ttl:
            return entry[1]
        async with self._session_factory() as db:
            site = await ChargePointRepository(db).get_site(site_id)
        if site is None:
            raise NotFoundError(f"site {site_id} not found")
        config: dict[str, Any] = {
            "site_id": site.id,
            "grid_ref": site.grid_ref,
            "zone": site.zone,
            "limits": {
                "max_kw": float(site.static_limit_kw),
                "price_cap_eur_kwh": 0.35,
                "expensive_hour_factor": 0.6,
            },
        }
        self._entries[site_id] = (time.monotonic(), config)
        return config

    def invalidate(self, site_id: int) -> None:
        self._entries.pop(site_id, None)
