from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import httpx

from app.caches import TTLCache
from app.metrics import TAX_CALLS
from app.resilience import CircuitBreaker, retry_async

log = logging.getLogger(__name__)


class TaxServiceError(RuntimeError):
    pass


class TransientTaxError(TaxServiceError):
    pass


@dataclass(frozen=True)
class WithholdingRequest:
    employee_ref: str
    jurisdiction: str
    gross: Decimal
    pay_date: str
    periods_per_year: int
    filing_status: str = "single"
    allowances: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "employee_ref": self.employee_ref,
            "jurisdiction": self.jurisdiction,
            "gross": str(self.gross),
            "pay_date": self.pay_date,
            "periods_per_year": self.periods_per_year,
            "filing_status": self.filing_status,
            "allowances": self.allowances,
        }


class TaxTableClient:
    def __init__(self, base_url: str, client_secret: str) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            timeout=httpx.Timeout(10.0, connect=3.0),
            limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
        )
        self._secret = client_secret
        self._breaker = CircuitBreaker("tax-tables", threshold=5, reset_after=30.0)
        self._token_lock = asyncio.Lock()
        self._token: str | None = None
        self._token_expires = 0.0
        self._tables: TTLCache[str, dict[str, Any]] = TTLCache(maxsize=128, ttl=86_400)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _access_token(self) -> str:
        if self._token and self._token_expires > time.monotonic() + 30:
            return self._token
        async with self._token_lock:
            if self._token and self._token_expires > time.monotonic() + 30:
                return self._token
            resp = await self._client.post("/oauth/token", data={"client_secret": self._secret})
            resp.raise_for_status()
            body = resp.json()
            self._token = body["access_token"]
            self._token_expires = time.monotonic() + float(body.get("expires_in", 300))
            return self._token

    @retry_async(attempts=3, base_delay=0.3, retry_on=(httpx.TransportError, TransientTaxError))
    async def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        token = await self._access_token()

        async def call() -> httpx.Response:
            return await self._client.request(
                method, path, headers={"Authorization": f"Bearer {token}"}, **kwargs
            )

        resp = await self._breaker.call(call)
        if resp.status_code in (429, 502, 503, 504):
            TAX_CALLS.labels("transient").inc()
            raise TransientTaxError(f"tax service returned {resp.status_code}")
        if resp.is_error:
            TAX_CALLS.labels("error").inc()
            raise TaxServiceError(f"tax service returned {resp.status_code}: {resp.text[:200]}")
        TAX_CALLS.labels("ok").inc()
        return resp.json()

    async def withholding(self, request: WithholdingRequest) -> Decimal:
        body = await self._request("POST", "/v2/withholding", json=request.as_json())
        return Decimal(body["withholding"])

    async def withholding_batch(self, requests: list[WithholdingRequest]) -> dict[str, Decimal]:
        results: dict[str, Decimal] = {}
        for start in range(0, len(requests), 500):
            chunk = requests[start : start + 500]
            body = await self._request(
                "POST", "/v2/withholding/batch", json={"items": [r.as_json() for r in chunk]}
            )
            for item in body["items"]:
                results[item["employee_ref"]] = Decimal(item["withholding"])
        return results

    async def bracket_table(self, jurisdiction: str, tax_year: int) -> dict[str, Any]:
        cached = self._tables.get(jurisdiction)
        if cached is not None:
            return cached
        table = await self._request("GET", f"/v2/tables/{jurisdiction}/{tax_year}")
        self._tables.set(jurisdiction, table)
        return table
