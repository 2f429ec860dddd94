from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..errors import TariffNotFound
from ..models import Tariff
from ..utils.cache import TTLCache

log = logging.getLogger(__name__)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Band:
    upto: Decimal | None  # cumulative kWh / m3 ceiling, None = open ended
    price: Decimal


@dataclass(frozen=True)
class TariffView:
    code: str
    version: int
    standing_per_day: Decimal
    bands: tuple[Band, ...]


@dataclass
class Charge:
    description: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal


_tariffs: TTLCache[tuple[str, date], TariffView] = TTLCache(maxsize=512, ttl=600)


def _to_view(row: Tariff) -> TariffView:
    bands = tuple(
        Band(Decimal(str(b["upto"])) if b.get("upto") is not None else None, Decimal(str(b["price"])))
        for b in row.bands
    )
    return TariffView(row.code, row.version, row.standing_charge_per_day, bands)


class TariffService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def current(self, code: str, on: date) -> TariffView:
        cached = _tariffs.get((code, on))
        if cached is not None:
            return cached
        stmt = (
            select(Tariff)
            .where(Tariff.code == code, Tariff.valid_from <= on)
            .where((Tariff.valid_to.is_(None)) | (Tariff.valid_to > on))
            .order_by(Tariff.version.desc())
            .limit(1)
        )
        row = (await self.session.execute(stmt)).scalar_one_or_none()
        if row is None:
            raise TariffNotFound(f"no tariff {code} valid on {on}", code=code)
        view = _to_view(row)
        _tariffs.set((code, on), view)
        return view

    async def all_current(self, codes: set[str], on: date) -> dict[str, TariffView]:
        found = {}
        for code in sorted(codes):
            found[code] = await self.current(code, on)
        return found


def banded_charges(tariff: TariffView, used: Decimal) -> list[Charge]:
    charges: list[Charge] = []
    remaining = used
    floor = Decimal("0")
    for band in tariff.bands:
        if remaining <= 0:
            break
        width = remaining if band.upto is None else min(remaining, band.upto - floor)
        if width > 0:
            amount = (width * band.price).quantize(CENT, ROUND_HALF_UP)
            charges.append(Charge(f"Usage {floor}-{band.upto or '+'}", width, band.price, amount))
            remaining -= width
        if band.upto is not None:
            floor = band.upto
    return charges


def invoice_charges(tariffs: dict[str, TariffView], code: str, used: Decimal, days: int) -> list[Charge]:
    try:
        tariff = tariffs[code]
    except KeyError:
        raise TariffNotFound(f"tariff {code} not loaded for this run")
    standing = (tariff.standing_per_day * days).quantize(CENT, ROUND_HALF_UP)
    try:
        usage = banded_charges(tariff, used)
    except Exception:
        log.warning("banding failed for tariff %s", code)
        return [Charge("Standing charge", Decimal(days), tariff.standing_per_day, standing)]
    return [Charge("Standing charge", Decimal(days), tariff.standing_per_day, standing), *usage]
