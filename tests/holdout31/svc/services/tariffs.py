"""Tariff compilation and price quotes (static and spot-indexed tariffs)."""
from __future__ import annotations

import asyncio
import copy
import functools
import logging
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.energy import EnergyMarketClient
from svc.db.models import Tariff
from svc.db.repositories.catalog import TariffRepository
from svc.errors import MarketUnavailable, NotFoundError

log = logging.getLogger(__name__)

_PRICE_OVERRIDES: dict[int, Decimal] = {}

CENT = Decimal("0.01")


def set_price_override(tariff_id: int, price_per_kwh: Decimal | None) -> None:
    """Operator override of a tariff's energy price (e.g. for a promotion)."""
    if price_per_kwh is None:
        _PRICE_OVERRIDES.pop(tariff_id, None)
    else:
        _PRICE_OVERRIDES[tariff_id] = price_per_kwh


@lru_cache(maxsize=512)
def parse_component(spec: str) -> tuple[str, Decimal]:
    """Parse an OCPI-style price component spec such as ``"ENERGY:0.39"``."""
    kind, _, amount = spec.partition(":")
    return kind.upper(), Decimal(amount)


def compile_tariff(tariff: Tariff) -> dict[str, Any]:
    return {
        "id": tariff.id,
        "currency": tariff.currency,
        "components": [
            parse_component(f"ENERGY:{tariff.energy_price_per_kwh}"),
            parse_component(f"TIME:{tariff.time_price_per_min}"),
            parse_component(f"FLAT:{tariff.session_fee}"),
            parse_component(f"IDLE:{tariff.idle_fee_per_min}"),
        ],
        "idle_grace_minutes": tariff.idle_grace_minutes,
        "margin": tariff.margin_per_kwh,
        "dynamic": tariff.dynamic,
        "zone": tariff.zone,
        "version": tariff.version,
    }


@dataclass(frozen=True)
class Quote:
    tariff_id: int
    currency: str
    energy_cents: int
    time_cents: int
    fee_cents: int
    idle_cents: int

    @property
    def total_cents(self) -> int:
        return self.energy_cents + self.time_cents + self.fee_cents + self.idle_cents


def _cents(amount: Decimal) -> int:
    return int((amount / CENT).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


class TariffService:
    def __init__(self, *, session_factory: async_sessionmaker[AsyncSession], market: EnergyMarketClient) -> None:
        self._session_factory = session_factory
        self._market = market
        self._compiled: dict[int, dict[str, Any]] = {}
        self._swap_lock = asyncio.Lock()
        self._generation = 0

    async def refresh(self) -> None:
        async with self._session_factory() as db:
            tariffs = await TariffRepository(db).list_active()
        compiled = {tariff.id: compile_tariff(tariff) for tariff in tariffs}
        async with self._swap_lock:
            self._compiled = compiled
            self._generation += 1
        log.info("loaded %d active tariffs", len(compiled))

    @functools.lru_cache(maxsize=None)
    def _idle_fee_cents(self, tariff_id: int, idle_minutes: int) -> int:
        compiled = self._compiled[tariff_id]
        rate = dict(compiled["components"])["IDLE"]
        billable = max(idle_minutes - compiled["idle_grace_minutes"], 0)
        return _cents(rate * billable)

    async def quote(self, tariff_id: int, *, energy_kwh: Decimal, minutes: int, idle_minutes: int = 0) -> Quote:
        tariffs = copy.deepcopy(self._compiled)
        compiled = tariffs.get(tariff_id)
        if compiled is None:
            raise NotFoundError(f"tariff {tariff_id} is not active")
        components = dict(compiled["components"])
        energy_price = _PRICE_OVERRIDES.get(tariff_id, components["ENERGY"])
        if compiled["dynamic"] and compiled["zone"]:
            try:
                spot = await self._market.spot_price(compiled["zone"])
            except MarketUnavailable:
                log.warning("spot price unavailable for %s; quoting static price", compiled["zone"])
            else:
                energy_price = compiled["margin"] + Decimal(str(spot))
        return Quote(
            tariff_id=tariff_id,
            currency=compiled["currency"],
            energy_cents=_cents(energy_price * energy_kwh),
            time_cents=_cents(components["TIME"] * minutes),
            fee_cents=_cents(components["FLAT"]),
            idle_cents=self._idle_fee_cents(tariff_id, idle_minutes) if idle_minutes else 0,
        )
