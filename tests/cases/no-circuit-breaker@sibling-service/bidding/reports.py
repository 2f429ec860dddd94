"""Reporting service: one route, no breaker anywhere in this module (nothing to be left out of)."""
import httpx


class ReportClient:
    def __init__(self, base: str) -> None:
        self._http = httpx.AsyncClient(base_url=base, timeout=10.0)

    async def daily(self, day: str) -> dict:
        response = await self._http.get(f"/v1/daily/{day}")
        response.raise_for_status()
        return response.json()

    async def aclose(self) -> None:
        await self._http.aclose()
