import httpx


class VetRegistry:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    async def vaccination_status(self, chip: str) -> str:
        resp = await self._http.get(f"/chips/{chip}/vaccinations")
        resp.raise_for_status()
        return resp.json()["status"]

    async def register(self, chip: str, owner: str) -> dict:
        resp = await self._http.post("/chips", json={"chip": chip, "owner": owner})
        resp.raise_for_status()
        return resp.json()
