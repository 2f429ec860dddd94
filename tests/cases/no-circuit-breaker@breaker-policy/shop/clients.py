"""Partner clients: payments and FX go through breakers, identity checks and webhooks do not."""
from datetime import timedelta

import httpx
from aiobreaker import CircuitBreaker

_payments_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))
_fx_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))


class PaymentsClient:
    def __init__(self, base: str) -> None:
        self._http = httpx.AsyncClient(base_url=base, timeout=5.0)

    @_payments_breaker
    async def charge(self, order_id: int, cents: int) -> str:
        response = await self._http.post("/v1/charges", json={"order": order_id, "amount": cents})
        response.raise_for_status()
        return response.json()["id"]


class FxClient:
    def __init__(self, base: str) -> None:
        self._http = httpx.AsyncClient(base_url=base, timeout=2.0)

    @_fx_breaker
    async def rate(self, pair: str) -> float:
        response = await self._http.get(f"/v1/rates/{pair}")
        response.raise_for_status()
        return response.json()["rate"]


class KycClient:
    def __init__(self, base: str) -> None:
        self._http = httpx.AsyncClient(base_url=base, timeout=10.0)

    async def submit(self, customer_id: int, name: str) -> str:
        response = await self._http.post("/v1/checks", json={"customer": customer_id, "name": name})
        response.raise_for_status()
        return response.json()["check_id"]


class WebhookSender:
    """Delivers to each subscriber's own URL: no one service a breaker could track."""

    def __init__(self) -> None:
        self._http = httpx.AsyncClient(timeout=5.0)

    async def deliver(self, url: str, event: dict) -> int:
        response = await self._http.post(url, json=event)
        return response.status_code
