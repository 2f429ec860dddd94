"""Insurance partner client: the payer list goes through the breaker, the eligibility check does not."""
from datetime import timedelta

import httpx
from aiobreaker import CircuitBreaker

payer_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))


class PayerClient:
    def __init__(self, base_url: str) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=8.0)

    async def eligibility(self, payer_id: str, member_id: str) -> bool:
        response = await self._client.post("/eligibility", json={"payer": payer_id, "member": member_id})  # expect: no-circuit-breaker
        response.raise_for_status()
        return response.json()["status"] == "active"

    @payer_breaker
    async def payers(self) -> list[dict]:
        response = await self._client.get("/payers")
        response.raise_for_status()
        return response.json()["payers"]

    async def aclose(self) -> None:
        await self._client.aclose()
