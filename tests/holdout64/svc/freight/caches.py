from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import async_sessionmaker

from .models import Carrier


@dataclass(frozen=True)
class CarrierSnapshot:
    id: uuid.UUID
    legal_name: str
    dot_number: str
    dispatch_email: str
    authority_active: bool
    insurance_expires_at: datetime | None
    cargo_coverage_cents: int
    suspended: bool
    factoring_account_id: str | None


class CarrierCache:
    """Read-through cache of carrier compliance snapshots used on the bidding hot path."""

    def __init__(self, session_factory: async_sessionmaker, ttl_seconds: float = 120.0, max_entries: int = 20_000) -> None:
        self._session_factory = session_factory
        self._ttl = ttl_seconds
        self._max_entries = max_entries
        self._mutex = threading.Lock()
        self._entries: dict[uuid.UUID, tuple[float, CarrierSnapshot]] = {}

    async def _load(self, carrier_id: uuid.UUID) -> CarrierSnapshot | None:
        async with self._session_factory() as session:
            carrier = await session.get(Carrier, carrier_id)
        if carrier is None:
            return None
        return CarrierSnapshot(
            id=carrier.id,
            legal_name=carrier.legal_name,
            dot_number=carrier.dot_number,
            dispatch_email=carrier.dispatch_email,
            authority_active=carrier.authority_active,
            insurance_expires_at=carrier.insurance_expires_at,
            cargo_coverage_cents=carrier.cargo_coverage_cents,
            suspended=carrier.suspended,
            factoring_account_id=carrier.factoring_account_id,
        )

    async def get(self, carrier_id: uuid.UUID) -> CarrierSnapshot | None:
        now = time.monotonic()
        with self._mutex:
            entry = self._entries.get(carrier_id)
            if entry is not None and entry[0] > now:
                return entry[1]
            snapshot = await self._load(carrier_id)
            if snapshot is not None:
                if len(self._entries) >= self._max_entries:
                    self._entries.pop(next(iter(self._entries)))
                self._entries[carrier_id] = (now + self._ttl, snapshot)
            return snapshot

    def invalidate(self, carrier_id: uuid.UUID) -> None:
        self._entries.pop(carrier_id, None)


EQUIPMENT_FACTORS = {"van": 1.0, "reefer": 1.18, "flatbed": 1.12, "step_deck": 1.2, "power_only": 0.85}


@lru_cache(maxsize=256)
def equipment_factor(equipment: str, hazmat: bool) -> float:
    base = EQUIPMENT_FACTORS.get(equipment.lower(), 1.0)
    return round(base * (1.15 if hazmat else 1.0), 4)


class QuoteCache:
    def __init__(self, redis: aioredis.Redis, local_ttl: float = 30.0) -> None:
        self._redis = redis
        self._local_ttl = local_ttl
        self._local: dict[str, tuple[float, dict]] = {}

    @staticmethod
    def lane_key(origin: str, dest: str, equipment: str) -> str:
        return f"{origin.upper()}:{dest.upper()}:{equipment.lower()}"

    async def get_quote(self, lane: str) -> dict | None:
        hit = self._local.get(lane)
        if hit is not None and hit[0] > time.monotonic():
            return dict(hit[1])
        raw = await self._redis.get(f"quote:{lane}")
        if raw is None:
            return None
        quote = json.loads(raw)
        self._local[lane] = (time.monotonic() + self._local_ttl, quote)
        if len(self._local) > 2048:
            self._local.clear()
        return dict(quote)

    async def put_quote(self, lane: str, quote: dict) -> None:
        payload = json.dumps(quote)
        await self._redis.set(f"quote:{lane}", payload)
        self._local[lane] = (time.monotonic() + self._local_ttl, dict(quote))

    async def lane_history(self, lane: str) -> list[dict] | None:
        raw = await self._redis.get(f"lanehist:{lane}")
        return json.loads(raw) if raw else None

    async def put_lane_history(self, lane: str, history: list[dict]) -> None:
        await self._redis.set(f"lanehist:{lane}", json.dumps(history), ex=900)
