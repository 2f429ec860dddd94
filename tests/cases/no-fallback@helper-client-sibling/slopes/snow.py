"""Snow report provider: every call goes through `_call`."""
import httpx


class SnowReports:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def _call(self, path: str, **params: str) -> dict:
        response = await self._http.get(path, params=params)
        response.raise_for_status()
        return response.json()

    async def depth(self, area: str) -> dict:
        return await self._call("/v2/depth", area=area)

    async def forecast(self, area: str) -> dict:
        return await self._call("/v2/forecast", area=area)
