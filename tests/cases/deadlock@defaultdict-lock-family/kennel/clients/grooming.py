"""Grooming partner API: the shared client never times out."""
import httpx


class GroomingPartner:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=None)

    async def book_slot(self, pet_ref: str, day: str) -> dict:
        resp = await self._http.post("/slots", json={"pet": pet_ref, "day": day})
        resp.raise_for_status()
        return resp.json()


class VetRecords:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=4.0)

    async def vaccinations(self, pet_ref: str) -> list[dict]:
        resp = await self._http.get(f"/pets/{pet_ref}/vaccinations")
        resp.raise_for_status()
        return resp.json()
