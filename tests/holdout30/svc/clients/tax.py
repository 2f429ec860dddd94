from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal

import httpx
from aiobreaker import CircuitBreaker
from pydantic import BaseModel
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from svc.config import Settings

log = logging.getLogger(__name__)

tax_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30), name="tax-engine")

_transient = retry_if_exception_type((httpx.TransportError, httpx.HTTPStatusError))


class TaxLine(BaseModel):
    reference: str
    amount: Decimal
    quantity: Decimal
    tax_code: str


class TaxLineResult(BaseModel):
    reference: str
    tax_amount: Decimal
    rate: Decimal


class TaxQuote(BaseModel):
    lines: list[TaxLineResult]
    total_tax: Decimal
    jurisdiction: str


class TaxClient:
    """Client for the external tax engine (quotes, VAT validation, rate tables)."""

    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(
            base_url=settings.tax_api_url,
            headers={"Authorization": f"Bearer {settings.tax_api_key}"},
            timeout=httpx.Timeout(10.0, connect=3.0),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    @tax_breaker
    @retry(stop=stop_after_attempt(3), wait=wait_exponential_jitter(initial=0.2, max=2), retry=_transient, reraise=True)
    async def quote(self, lines: list[TaxLine], *, country: str, currency: str) -> TaxQuote:
        resp = await self._http.post(
            "/quotes",
            json={
                "country": country,
                "currency": currency,
                "lines": [line.model_dump(mode="json") for line in lines],
            },
        )
        resp.raise_for_status()
        return TaxQuote.model_validate(resp.json())

    @tax_breaker
    @retry(stop=stop_after_attempt(3), wait=wait_exponential_jitter(initial=0.2, max=2), retry=_transient, reraise=True)
    async def rate_table(self, country: str) -> dict[str, str]:
        resp = await self._http.get(f"/jurisdictions/{country}/rates")
        resp.raise_for_status()
        return {item["tax_code"]: item["rate"] for item in resp.json()["rates"]}
