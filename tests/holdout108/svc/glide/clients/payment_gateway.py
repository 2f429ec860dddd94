from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx
from tenacity import (
    AsyncRetrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from glide.errors import PaymentDeclined, UpstreamError
from glide.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChargeResult:
    charge_id: str
    status: str
    amount_cents: int


class PaymentGateway:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.payment_gateway_url,
            headers={"Authorization": f"Bearer {settings.payment_gateway_key}"},
            timeout=None,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def authorize(self, token: str, amount_cents: int, *, idempotency_key: str) -> ChargeResult:
        try:
            resp = await self._client.post(
                "/authorizations",
                json={"source": token, "amount": amount_cents, "capture": False},
                headers={"Idempotency-Key": idempotency_key},
            )
            resp.raise_for_status()
        except httpx.HTTPStatusError as exc:
            raise PaymentDeclined(f"authorization declined ({exc.response.status_code})")
        data = resp.json()
        return ChargeResult(data["id"], data["status"], amount_cents)

    async def capture(self, authorization_id: str, amount_cents: int, *, idempotency_key: str) -> ChargeResult:
        async for attempt in AsyncRetrying(
            stop=stop_after_attempt(4),
            wait=wait_exponential_jitter(initial=0.2, max=3),
            retry=retry_if_exception_type(httpx.TransportError),
            reraise=True,
        ):
            with attempt:
                resp = await self._client.post(
                    f"/authorizations/{authorization_id}/capture",
                    json={"amount": amount_cents},
                    headers={"Idempotency-Key": idempotency_key},
                )
        try:
            resp.raise_for_status()
        except httpx.HTTPStatusError as exc:
            raise PaymentDeclined(f"capture failed ({exc.response.status_code})") from exc
        data = resp.json()
        return ChargeResult(data["id"], data["status"], amount_cents)

    async def refund(self, charge_id: str, amount_cents: int, *, idempotency_key: str) -> None:
        try:
            resp = await self._client.post(
                f"/charges/{charge_id}/refunds",
                json={"amount": amount_cents},
                headers={"Idempotency-Key": idempotency_key},
            )
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise UpstreamError("refund failed") from exc

    async def get_charge(self, charge_id: str) -> dict:
        async def _get() -> httpx.Response:
            resp = await self._client.get(f"/charges/{charge_id}", timeout=5.0)
            resp.raise_for_status()
            return resp

        async for attempt in AsyncRetrying(
            stop=stop_after_attempt(3),
            wait=wait_exponential_jitter(initial=0.2, max=2),
            retry=retry_if_exception_type(httpx.TransportError),
            reraise=True,
        ):
            with attempt:
                resp = await _get()
        return resp.json()

    async def void(self, authorization_id: str, *, idempotency_key: str) -> None:
        try:
            resp = await self._client.post(
                f"/authorizations/{authorization_id}/void",
                headers={"Idempotency-Key": idempotency_key},
                timeout=5.0,
            )
            resp.raise_for_status()
        except httpx.HTTPStatusError as exc:
            if exc.response.status_code == 409:
                log.info("authorization %s already finalised", authorization_id)
                return
            raise UpstreamError(f"void of {authorization_id} failed") from exc

    async def create_payout(self, amount_cents: int, *, reference: str) -> str:
        resp = await self._client.post(
            "/payouts",
            json={"amount": amount_cents, "reference": reference},
            headers={"Idempotency-Key": reference},
        )
        resp.raise_for_status()
        return resp.json()["id"]
