import httpx

from grid.errors import WeatherDown


class WeatherClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def _get(self, path: str) -> dict:
        try:
            resp = await self._http.get(path)
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise WeatherDown(path) from exc
        return resp.json()

    async def current(self, zone: str) -> dict:
        return await self._get(f"/zones/{zone}/now")

    async def forecast(self, zone: str) -> list[dict]:
        body = await self._get(f"/zones/{zone}/hourly")
        return body["hours"]
