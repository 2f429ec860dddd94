"""Quotes: the surge multiplier has no fallback; the tax rate falls back to a default."""
import logging

import httpx

from svc.clients import SurgeClient, TaxClient

logger = logging.getLogger(__name__)
DEFAULT_TAX = 0.2


class PricingService:
    def __init__(self, surge: SurgeClient, tax: TaxClient) -> None:
        self._surge = surge
        self._tax = tax

    async def quote(self, branch: str, country: str, base_cents: int) -> dict:
        multiplier = await self._surge.multiplier(branch)  # expect: no-fallback
        try:
            tax = await self._tax.rate(country)
        except httpx.HTTPError:
            logger.warning("tax rates unavailable for %s, using the default", country)
            tax = DEFAULT_TAX
        total = int(base_cents * multiplier * (1 + tax))
        return {"total_cents": total, "multiplier": multiplier}
