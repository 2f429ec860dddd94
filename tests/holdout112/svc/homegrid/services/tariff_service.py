from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from uuid import UUID

import numpy as np
import structlog

from homegrid.clients.tariff_feed import TariffFeedClient
from homegrid.errors import NotFound
from homegrid.models import CheapestWindow, PriceSlot, Tariff
from homegrid.repositories.tariffs import TariffRepository
from homegrid.utils.ttlcache import TTLCache

log = structlog.get_logger(__name__)


class TariffService:
    def __init__(self, repo: TariffRepository, feed: TariffFeedClient) -> None:
        self._repo = repo
        self._feed = feed
        self._day_prices: dict[tuple[UUID, date], list[PriceSlot]] = {}
        self._tariffs: TTLCache[Tariff] = TTLCache(maxsize=512, ttl=600)

    async def tariff(self, tariff_id: UUID) -> Tariff:
        cached = self._tariffs.get(tariff_id)
        if cached is not None:
            return cached
        tariff = await self._repo.get(tariff_id)
        if tariff is None:
            raise NotFound("tariff not found")
        self._tariffs.set(tariff_id, tariff)
        return tariff

    async def prices_for_day(self, tariff_id: UUID, day: date) -> list[PriceSlot]:
        key = (tariff_id, day)
        if key in self._day_prices:
            return self._day_prices[key]
        start = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
        slots = await self._repo.prices_between(tariff_id, start, start + timedelta(days=1))
        if len(slots) >= 46:
            self._day_prices[key] = slots
        return slots

    async def current_price(self, tariff_id: UUID) -> float:
        tariff = await self.tariff(tariff_id)
        return await self._feed.current_price(tariff.provider_code)

    async def refresh_from_feed(self, day: date) -> int:
        updated = 0
        for tariff in await self._repo.all():
            try:
                slots = await self._feed.day_prices(tariff.provider_code, day)
            except Exception:
                log.exception("tariff_refresh_failed", provider=tariff.provider_code, day=str(day))
                raise
            await self._repo.upsert_prices(tariff.id, slots)
            updated += len(slots)
        return updated


def cheapest_window(slots: list[PriceSlot], slots_needed: int) -> CheapestWindow | None:
    """Contiguous run of half-hour slots with the lowest average price."""
    if slots_needed <= 0 or len(slots) < slots_needed:
        return None
    prices = np.fromiter((s.price_pence for s in slots), dtype=float, count=len(slots))
    window_sums = np.convolve(prices, np.ones(slots_needed), mode="valid")
    best = int(window_sums.argmin())
    return CheapestWindow(
        start=slots[best].slot_start,
        end=slots[best + slots_needed - 1].slot_start + timedelta(minutes=30),
        average_price_pence=float(window_sums[best] / slots_needed),
    )


def price_bands(slots: list[PriceSlot]) -> dict[str, list[datetime]]:
    if not slots:
        return {"cheap": [], "normal": [], "peak": []}
    prices = np.array([s.price_pence for s in slots])
    low, high = np.percentile(prices, [25, 75])
    bands: dict[str, list[datetime]] = {"cheap": [], "normal": [], "peak": []}
    for slot in slots:
        if slot.price_pence <= low:
            bands["cheap"].append(slot.slot_start)
        elif slot.price_pence >= high:
            bands["peak"].append(slot.slot_start)
        else:
            bands["normal"].append(slot.slot_start)
    return bands
