"""Upstream clients, one guarded by a circuit breaker."""
import httpx
import pybreaker

inventory_breaker = pybreaker.CircuitBreaker(fail_max=5, reset_timeout=30)


class ProfileClient:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(base_url="https://profiles.example.com", timeout=5)

    async def profile(self, user_id: int) -> dict:
        return (await self._client.get(f"/users/{user_id}")).json()  # expect: no-circuit-breaker


class InventoryClient:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(base_url="https://inventory.example.com", timeout=5)

    @inventory_breaker
    async def level(self, item_id: int) -> int:
        return (await self._client.get(f"/stock/{item_id}")).json()["level"]


async def exchange_rate() -> float:
    async with httpx.AsyncClient(timeout=5) as client:
        return (await client.get("https://rates.example.com/eur")).json()["rate"]
