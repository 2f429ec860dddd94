"""Upstream clients."""
import httpx


class SurgeClient:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(base_url="https://surge.example.com", timeout=2)

    async def multiplier(self, branch: str) -> float:
        resp = await self._client.get("/v1/surge", params={"branch": branch})
        resp.raise_for_status()
        return float(resp.json()["multiplier"])


class TaxClient:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(base_url="https://tax.example.com", timeout=2)

    async def rate(self, country: str) -> float:
        resp = await self._client.get(f"/v1/rates/{country}")
        resp.raise_for_status()
        return float(resp.json()["rate"])
