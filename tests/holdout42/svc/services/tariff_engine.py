from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
import datetime as dt
from decimal import Decimal, ROUND_HALF_UP
import logging
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Bill
from svc.errors import BillingError
from svc.repos.readings import ReadingRow
from svc.repos.accounts import TariffsRepo
from svc.utils.cache import RefCache
from svc.utils.locks import local_locks
from svc.utils.timeutil import minute_of_day

logger = logging.getLogger(__name__)

CENT = Decimal("1")


@dataclass(frozen=True)
class Tier:
    upto_kwh: Decimal | None
    rate_cents: Decimal


@dataclass
class PricedTariff:
    code: str
    version: int
    standing_charge_cents: int
    vat_rate: Decimal
    tiers: list[Tier]
    band_starts: list[int] = field(default_factory=list)
    band_multipliers: list[Decimal] = field(default_factory=list)


@dataclass(frozen=True)
class Quote:
    kwh: Decimal
    energy_cents: int
    standing_cents: int
    vat_cents: int

    @property
    def total_cents(self) -> int:
        return self.energy_cents + self.standing_cents + self.vat_cents


_tariffs: RefCache[PricedTariff] = RefCache(ttl_seconds=300, max_entries=128)


def tariff_cache() -> RefCache[PricedTariff]:
    return _tariffs


class TariffEngine:
    async def load(self, repo: TariffsRepo, code: str) -> PricedTariff:
        cached = _tariffs.get(code)
        if cached is not None:
            return cached
        row = await repo.get(code)
        if row is None:
            raise BillingError(f"unknown tariff {code}")
        bands = sorted(row.tou_bands or [{"start_minute": 0, "multiplier": "1"}], key=lambda b: b["start_minute"])
        priced = PricedTariff(
            code=row.code,
            version=row.version,
            standing_charge_cents=row.standing_charge_cents,
            vat_rate=Decimal(row.vat_rate),
            tiers=[
                Tier(Decimal(str(t["upto_kwh"])) if t.get("upto_kwh") is not None else None, Decimal(str(t["rate_cents"])))
                for t in row.tiers
            ],
            band_starts=[int(b["start_minute"]) for b in bands],
            band_multipliers=[Decimal(str(b["multiplier"])) for b in bands],
        )
        _tariffs.set(code, priced)
        return priced

    @staticmethod
    def tiered_energy_cents(tariff: PricedTariff, kwh: Decimal) -> Decimal:
        remaining = kwh
        lower = Decimal(0)
        cost = Decimal(0)
        for tier in tariff.tiers:
            if remaining <= 0:
                break
            band = remaining if tier.upto_kwh is None else min(remaining, tier.upto_kwh - lower)
            cost += band * tier.rate_cents
            remaining -= band
            if tier.upto_kwh is not None:
                lower = tier.upto_kwh
        return cost

    @staticmethod
    def tou_multiplier(tariff: PricedTariff, ts: dt.datetime) -> Decimal:
        idx = bisect.bisect_right(tariff.band_starts, minute_of_day(ts)) - 1
        return tariff.band_multipliers[max(idx, 0)]

    def weighted_kwh(self, tariff: PricedTariff, readings: Iterable[ReadingRow]) -> tuple[Decimal, Decimal]:
        raw = Decimal(0)
        weighted = Decimal(0)
        for r in readings:
            raw += r.kwh
            weighted += r.kwh * self.tou_multiplier(tariff, r.read_at)
        return raw, weighted

    def apply_regional_uplift(self, tariff: PricedTariff, uplift: Decimal) -> PricedTariff:
        for i, tier in enumerate(tariff.tiers):
            tariff.tiers[i] = Tier(tier.upto_kwh, (tier.rate_cents * uplift).quantize(Decimal("0.0001")))
        return tariff

    def quote(self, tariff: PricedTariff, readings: Sequence[ReadingRow], days: int) -> Quote:
        raw, weighted = self.weighted_kwh(tariff, readings)
        energy = self.tiered_energy_cents(tariff, weighted).quantize(CENT, ROUND_HALF_UP)
        standing = tariff.standing_charge_cents * days
        vat = ((energy + standing) * tariff.vat_rate).quantize(CENT, ROUND_HALF_UP)
        return Quote(kwh=raw, energy_cents=int(energy), standing_cents=standing, vat_cents=int(vat))


INVALIDATE_CHANNEL = "tariff-invalidate"


class TariffAdminService:
    def __init__(self, session: AsyncSession, redis: Redis) -> None:
        self._session = session
        self._repo = TariffsRepo(session)
        self._redis = redis

    async def list(self) -> list[dict[str, Any]]:
        return [
            {"code": t.code, "name": t.name, "version": t.version, "tiers": t.tiers, "valid_from": t.valid_from}
            for t in await self._repo.all()
        ]

    async def update_tariff(self, code: str, changes: dict[str, Any]) -> int:
        """Apply a rate change and flag every draft bill on the tariff for repricing."""
        async with local_locks.tariffs:
            await self._repo.update(code, **changes)
            account_ids = await self._repo.accounts_on(code)
            for account_id in account_ids:
                async with local_locks.for_account(account_id):
                    await self._session.execute(
                        update(Bill)
                        .where(Bill.account_id == account_id, Bill.status == "draft")
                        .values(status="reprice")
                    )
            await self._session.commit()
        tariff_cache().invalidate(code)
        try:
            await self._redis.publish(INVALIDATE_CHANNEL, code)
        except RedisError:
            pass
        logger.info("tariff %s updated; %d accounts flagged", code, len(account_ids))
        return len(account_ids)


async def listen_for_invalidations(redis: Redis) -> None:
    """Runs on every replica: drops a tariff from the local cache when another replica changes it."""
    pubsub = redis.pubsub()
    await pubsub.subscribe(INVALIDATE_CHANNEL)
    try:
        async for message in pubsub.listen():
            if message["type"] == "message":
                tariff_cache().invalidate(message["data"])
    finally:
        await pubsub.aclose()
