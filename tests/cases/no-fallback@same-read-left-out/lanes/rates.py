"""Market rates client: every read goes through the breaker to one private helper."""
import httpx
from aiobreaker import CircuitBreaker


class RatesClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http
        self._breaker = CircuitBreaker(fail_max=4)

    async def _get(self, path: str, params: dict) -> dict:
        resp = await self._http.get(path, params=params)
        resp.raise_for_status()
        return resp.json()

    async def lane_rate(self, origin: str, dest: str) -> dict:
        return await self._breaker.call_async(self._get, "/lanes/spot", {"o": origin, "d": dest})

    async def report_usage(self, units: int) -> None:
        await self._breaker.call_async(self._get, "/usage", {"units": units})
