"""Pushes to the channel manager and to a reporting sink."""
import httpx

from cm.policy import Breaker, retry_async


class ChannelClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)
        self._breaker = Breaker("channel")

    @retry_async(attempts=4)
    async def push_stock(self, hotel: str, rooms: int) -> None:
        async def _send() -> None:
            resp = await self._http.post("/stock", json={"hotel": hotel, "rooms": rooms})
            resp.raise_for_status()

        await self._breaker.call(_send)

    @retry_async(attempts=3)
    async def push_closures(self, hotel: str, days: list[str]) -> None:
        async def _send() -> None:
            resp = await self._http.post("/closures", json={"hotel": hotel, "days": days})
            resp.raise_for_status()

        await self._breaker.call(_send)

    async def push_prices(self, hotel: str, prices: dict[str, str]) -> None:
        resp = await self._http.post("/prices", json={"hotel": hotel, "prices": prices})  # expect: no-retry
        resp.raise_for_status()


class ReportSink:
    """One un-retried send and no policy in the class to be left out of: silent."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def publish(self, report: dict) -> None:
        resp = await self._http.post("/reports", json=report)
        resp.raise_for_status()
