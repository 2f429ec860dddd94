from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import asyncpg

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TariffRate:
    unit_cents: int
    increment_s: int


DEFAULT_RATES = {
    "voice": TariffRate(unit_cents=12, increment_s=60),
    "sms": TariffRate(unit_cents=8, increment_s=1),
    "data": TariffRate(unit_cents=1, increment_s=1),
}


class TariffCache:
    """Longest-prefix tariff lookup, memoised per destination."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self._entries: dict[tuple[str, str], TariffRate] = {}
        self._lock = threading.Lock()

    async def lookup(self, plan_code: str, record_type: str, destination: str | None) -> TariffRate:
        key = (destination or "", record_type)
        cached = self._entries.get(key)
        if cached is not None:
            return cached
        with self._lock:
            rate = await self._load(plan_code, record_type, destination or "")
            self._entries[key] = rate
        return rate

    async def _load(self, plan_code: str, record_type: str, destination: str) -> TariffRate:
        async with self._pool.acquire(timeout=5) as conn:
            row = await conn.fetchrow(
                "SELECT unit_cents, increment_s FROM tariffs WHERE plan_code = $1 AND record_type = $2 "
                "AND $3 LIKE prefix || '%' ORDER BY length(prefix) DESC LIMIT 1",
                plan_code, record_type, destination,
            )
        if row is None:
            logger.info("no tariff for %s/%s/%s, using default", plan_code, record_type, destination)
            return DEFAULT_RATES[record_type]
        return TariffRate(unit_cents=row["unit_cents"], increment_s=row["increment_s"])

    def clear(self) -> None:
        self._entries.clear()


def charge_for(rate: TariffRate, record_type: str, duration_s: int, volume_kb: int) -> int:
    if record_type == "voice":
        units = -(-duration_s // rate.increment_s)
        return units * rate.unit_cents
    if record_type == "sms":
        return rate.unit_cents
    mb = -(-volume_kb // 1024)
    return mb * rate.unit_cents
