import httpx


class Formulary:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://formulary.example.com", timeout=3.0)

    async def tier(self, drug: str) -> str:
        resp = await self._http.get(f"/v1/tiers/{drug}")
        resp.raise_for_status()
        return resp.json()["tier"]
