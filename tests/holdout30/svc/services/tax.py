from __future__ import annotations

import asyncio
import functools
import logging
from decimal import Decimal

import httpx
from aiobreaker import CircuitBreakerError

from svc.cache import TaxTableCache
from svc.clients.tax import TaxClient, TaxLine, TaxLineResult, TaxQuote
from svc.errors import UpstreamUnavailable
from svc.services.fx import quantize

log = logging.getLogger(__name__)

REVERSE_CHARGE_CODES = ("B2B-EU-RC", "EXPORT-0")


class TaxService:
    """Tax calculation for invoice lines, degrading to cached jurisdiction tables."""

    def __init__(self, client: TaxClient, tables: TaxTableCache) -> None:
        self._client = client
        self._tables = tables
        self._table_lock = asyncio.Lock()
        self._overrides: dict[str, dict[str, str]] = {}

    def set_override(self, country: str, tax_code: str, rate: str) -> None:
        self._overrides.setdefault(country, {})[tax_code] = rate

    @functools.lru_cache(maxsize=None)
    def normalise_postcode(self, country: str, postcode: str) -> str:
        cleaned = "".join(ch for ch in postcode.upper() if ch.isalnum())
        if country == "GB" and len(cleaned) > 3:
            return f"{cleaned[:-3]} {cleaned[-3:]}"
        if country == "NL" and len(cleaned) == 6:
            return f"{cleaned[:4]} {cleaned[4:]}"
        return cleaned

    async def table_for(self, country: str) -> dict[str, str]:
        async with self._table_lock:
            table = self._tables.get(country)
            if table is None:
                table = await self._client.rate_table(country)
                self._tables.put(country, table)
        overrides = self._overrides.get(country)
        if overrides:
            table.update(overrides)
        return table

    async def calculate(self, lines: list[TaxLine], *, country: str, currency: str) -> TaxQuote:
        taxable = [line for line in lines if line.tax_code not in REVERSE_CHARGE_CODES]
        try:
            return await self._client.quote(taxable, country=country, currency=currency)
        except (CircuitBreakerError, httpx.HTTPError):
            log.warning("tax engine unavailable, using cached table for %s", country, exc_info=True)
        table = self._tables.get(country)
        if table is None:
            raise UpstreamUnavailable("tax engine unavailable and no cached table", details={"country": country})
        results = [
            TaxLineResult(
                reference=line.reference,
                rate=Decimal(table.get(line.tax_code, "0")),
                tax_amount=quantize(line.amount * Decimal(table.get(line.tax_code, "0")), currency),
            )
            for line in taxable
        ]
        return TaxQuote(lines=results, total_tax=sum((r.tax_amount for r in results), Decimal("0")), jurisdiction=country)
