"""Client for the card/app payment provider (PayGate v2)."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import date

import httpx

from ..config import Settings
from ..utils.resilience import CircuitBreaker
from ..utils.common import utcnow

log = logging.getLogger(__name__)


class PaymentError(RuntimeError):
    pass


class PaymentDeclined(PaymentError):
    pass


@dataclass(frozen=True)
class Settlement:
    ref: str
    amount_cents: int
    settled_on: date


class PaymentProvider:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._client = httpx.AsyncClient(
            base_url=settings.payment_base_url,
            timeout=httpx.Timeout(10.0, connect=3.0),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )
        self._breaker = CircuitBreaker("paygate", failure_threshold=8, reset_after=20.0)
        self._token: str | None = None
        self._token_expires = 0.0
        self._token_lock = asyncio.Lock()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _bearer(self) -> str:
        async with self._token_lock:
            if self._token is None or utcnow().timestamp() >= self._token_expires - 30:
                resp = await self._client.post(
                    "/oauth/token", data={"grant_type": "client_credentials", "client_secret": self._settings.payment_api_key}
                )
                resp.raise_for_status()
                body = resp.json()
                self._token = body["access_token"]
                self._token_expires = utcnow().timestamp() + body["expires_in"]
            return self._token

    async def capture(self, *, reference: str, amount_cents: int, customer_token: str) -> str:
        headers = {"Authorization": f"Bearer {await self._bearer()}", "Idempotency-Key": reference}
        payload = {"amount": amount_cents, "currency": "EUR", "source": customer_token, "reference": reference}
        for attempt in range(4):
            try:
                resp = await self._breaker.call(lambda: self._client.post("/v2/captures", json=payload, headers=headers))
            except (httpx.TransportError, httpx.TimeoutException):
                if attempt == 3:
                    raise
                await asyncio.sleep(0.5 * 2**attempt)
                continue
            if resp.status_code == 402:
                raise PaymentDeclined(resp.json().get("decline_code", "declined"))
            if resp.status_code >= 500 and attempt < 3:
                await asyncio.sleep(0.5 * 2**attempt)
                continue
            resp.raise_for_status()
            return resp.json()["id"]
        raise PaymentError("capture retries exhausted")

    async def refund(self, provider_ref: str, amount_cents: int) -> str:
        headers = {"Authorization": f"Bearer {await self._bearer()}"}
        resp = await self._client.post("/v2/refunds", json={"capture": provider_ref, "amount": amount_cents}, headers=headers)
        resp.raise_for_status()
        return resp.json()["id"]

    async def list_settlements(self, day: date, cursor: str | None = None) -> tuple[list[Settlement], str | None]:
        headers = {"Authorization": f"Bearer {await self._bearer()}"}
        params = {"date": day.isoformat(), "limit": 500}
        if cursor:
            params["cursor"] = cursor
        resp = await self._client.get("/v2/settlements", params=params, headers=headers)
        resp.raise_for_status()
        body = resp.json()
        items = [Settlement(i["capture"], i["amount"], date.fromisoformat(i["settled_on"])) for i in body["data"]]
        return items, body.get("next_cursor")

    async def charge_saved_card(self, *, reference: str, amount_cents: int, mandate_id: str) -> str:
        try:
            return await self.capture(reference=reference, amount_cents=amount_cents, customer_token=mandate_id)
        except httpx.HTTPStatusError as exc:
            raise PaymentError(f"mandate charge failed: {exc.response.status_code}") from exc
