from __future__ import annotations

import asyncio
import logging
import time
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from types import MappingProxyType

import httpx
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert

from svc.config import Settings
from svc.db.engine import Database
from svc.db.models import FxRate
from svc.errors import UpstreamUnavailable

log = logging.getLogger(__name__)

SUPPORTED_CURRENCIES = frozenset({"EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "JPY"})
MINOR_UNITS = MappingProxyType({"JPY": 0})

_latest_rates: dict[str, Decimal] = {}

SNAPSHOT_TTL_SECONDS = 300


def quantize(amount: Decimal, currency: str) -> Decimal:
    exponent = Decimal(1).scaleb(-MINOR_UNITS.get(currency, 2))
    return amount.quantize(exponent, rounding=ROUND_HALF_EVEN)


class FxClient:
    """Reference exchange rates from the market data feed."""

    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(base_url=settings.fx_api_url)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def fetch_latest(self, base: str) -> tuple[date, dict[str, Decimal]]:
        resp = await self._http.get("/v1/latest", params={"base": base})
        resp.raise_for_status()
        payload = resp.json()
        rates = {code: Decimal(str(value)) for code, value in payload["rates"].items()}
        return date.fromisoformat(payload["date"]), rates


class FxService:
    """Conversion using rates persisted by the refresh job, with an in-process snapshot."""

    def __init__(self, db: Database, client: FxClient, base: str = "EUR") -> None:
        self._db = db
        self._client = client
        self._base = base
        self._swap_lock = asyncio.Lock()
        self._snapshot: MappingProxyType[str, Decimal] = MappingProxyType({})
        self._as_of: date | None = None
        self._loaded_at = 0.0

    async def refresh(self) -> int:
        """Fetch the feed, persist it, then swap the in-process snapshot."""
        as_of, rates = await self._client.fetch_latest(self._base)
        rows = [
            {"base": self._base, "quote": code, "as_of": as_of, "rate": rate}
            for code, rate in rates.items()
            if code in SUPPORTED_CURRENCIES
        ]
        async with self._db.session() as session:
            stmt = insert(FxRate).values(rows)
            stmt = stmt.on_conflict_do_update(
                index_elements=[FxRate.base, FxRate.quote, FxRate.as_of],
                set_={"rate": stmt.excluded.rate},
            )
            await session.execute(stmt)
            await session.commit()
        async with self._swap_lock:
            self._snapshot = MappingProxyType({row["quote"]: row["rate"] for row in rows})
            self._as_of = as_of
            self._loaded_at = time.monotonic()
        _latest_rates.update(self._snapshot)
        return len(rows)

    async def _stored_rates(self) -> dict[str, Decimal]:
        async with self._db.session() as session:
            latest = await session.scalar(select(FxRate.as_of).where(FxRate.base == self._base).order_by(FxRate.as_of.desc()).limit(1))
            if latest is None:
                return {}
            result = await session.execute(
                select(FxRate.quote, FxRate.rate).where(FxRate.base == self._base, FxRate.as_of == latest)
            )
            return {quote: rate for quote, rate in result.all()}

    async def rates(self) -> MappingProxyType[str, Decimal]:
        if time.monotonic() - self._loaded_at > SNAPSHOT_TTL_SECONDS:
            self._snapshot = MappingProxyType(await self._stored_rates())
            self._loaded_at = time.monotonic()
        return self._snapshot

    async def convert(self, amount: Decimal, source: str, target: str) -> Decimal:
        if source == target:
            return amount
        rates = await self.rates()
        try:
            in_base = amount if source == self._base else amount / rates[source]
            converted = in_base if target == self._base else in_base * rates[target]
        except KeyError as exc:
            raise UpstreamUnavailable(f"no FX rate for {exc.args[0]}") from exc
        return quantize(converted, target)

    async def live_rates(self, base: str) -> dict[str, Decimal]:
        """Rates straight from the feed, falling back to the stored snapshot."""
        try:
            _, rates = await self._client.fetch_latest(base)
        except httpx.HTTPError as exc:
            log.warning("fx feed unavailable, serving stored rates", exc_info=True)
            if base != self._base:
                raise UpstreamUnavailable("fx feed unavailable") from exc
            return dict(await self.rates())
        return rates
