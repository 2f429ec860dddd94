import httpx


class ChargeApi:
    def __init__(self, token: str) -> None:
        self._http = httpx.AsyncClient(base_url="https://charges.example", timeout=6.0,
                                       headers={"Authorization": f"Bearer {token}"})

    async def open_hold(self, tour_id: int, cents: int) -> dict:
        response = await self._http.post("/holds", json={"tour": tour_id, "amount": cents})
        response.raise_for_status()
        return response.json()

    async def weather(self, tour_id: int) -> dict:
        response = await self._http.get(f"/weather/{tour_id}")
        response.raise_for_status()
        return response.json()

    async def quote_rates(self, tour_id: int, party: int) -> dict:
        response = await self._http.post("/rates/search", json={"tour": tour_id, "party": party})
        response.raise_for_status()
        return response.json()
