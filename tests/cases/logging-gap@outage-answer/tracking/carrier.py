"""Carrier tracking client."""
import aiohttp
import httpx


class Carrier:
    def __init__(self, base_url: str) -> None:
        self._session = aiohttp.ClientSession(base_url=base_url, timeout=aiohttp.ClientTimeout(total=10))
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    async def status(self, parcel: str) -> str:
        async with self._session.get(f"/v1/parcels/{parcel}") as resp:
            resp.raise_for_status()
            return (await resp.json())["status"]

    async def eta(self, parcel: str) -> str:
        response = await self._http.get(f"/v1/parcels/{parcel}/eta")
        response.raise_for_status()
        return response.json()["eta"]
