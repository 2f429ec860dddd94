"""Card provider client: captures go through the breaker; refunds use a second, slower client."""
from datetime import timedelta

import httpx
from aiobreaker import CircuitBreaker

capture_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30), name="payments-capture")


class PaymentClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(10.0, connect=3.0))
        self._refunds = httpx.AsyncClient(base_url=base_url, timeout=60.0)

    async def authorize(self, player_id: int, cents: int, key: str) -> str:
        response = await self._http.post("/v1/intents", json={"customer": player_id, "amount": cents}, headers={"Idempotency-Key": key})  # expect: no-circuit-breaker
        response.raise_for_status()
        return response.json()["id"]

    async def capture(self, intent_id: str, key: str) -> str:
        return await self._capture_guarded(intent_id, key)

    @capture_breaker
    async def _capture_guarded(self, intent_id: str, key: str) -> str:
        response = await self._http.post(f"/v1/intents/{intent_id}/capture", headers={"Idempotency-Key": f"{key}:capture"})
        response.raise_for_status()
        return response.json()["status"]

    async def refund(self, intent_id: str, cents: int) -> None:
        response = await self._refunds.post(f"/v1/intents/{intent_id}/refunds", json={"amount": cents})
        response.raise_for_status()

    async def aclose(self) -> None:
        await self._http.aclose()
        await self._refunds.aclose()
