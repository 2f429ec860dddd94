from __future__ import annotations

import logging

import httpx

from ..errors import PaymentDeclined, ProcessorError
from ..settings import Settings
from ..utils.resilience import CircuitBreaker, retry_async

logger = logging.getLogger(__name__)


class CardProcessor:
    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(
            base_url=settings.payments_url,
            auth=(settings.payments_key, ""),
            timeout=httpx.Timeout(10.0, connect=3.0),
        )
        self._breaker = CircuitBreaker("card-processor", failure_threshold=5, reset_after=30)

    async def charge(self, *, amount_pence: int, token: str, description: str, idempotency_key: str) -> str:
        async def _post() -> httpx.Response:
            return await self._http.post(
                "/v1/charges",
                data={"amount": amount_pence, "currency": "gbp", "source": token, "description": description},
                headers={"Idempotency-Key": idempotency_key},
            )

        resp = await self._breaker.call(lambda: retry_async(_post))
        try:
            resp.raise_for_status()
        except httpx.HTTPStatusError as exc:
            if resp.status_code == 402:
                raise PaymentDeclined(resp.json().get("error", {}).get("message", "declined")) from exc
            raise ProcessorError(f"charge failed with {resp.status_code}") from exc
        return resp.json()["id"]

    async def refund(self, charge_id: str, idempotency_key: str) -> str:
        resp = await self._breaker.call(
            lambda: retry_async(lambda: self._http.post(
                "/v1/refunds", data={"charge": charge_id}, headers={"Idempotency-Key": idempotency_key}))
        )
        try:
            resp.raise_for_status()
        except httpx.HTTPStatusError as exc:
            raise ProcessorError(f"refund failed: {exc.response.text[:200]}")
        return resp.json()["id"]

    async def aclose(self) -> None:
        await self._http.aclose()
