"""Two translation providers and a geocoder, one client each, kept for the process."""
import httpx


class PrimaryMT:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=20.0)

    async def translate(self, texts: list[str], target: str) -> list[str]:
        resp = await self._http.post("/translate", json={"q": texts, "target": target})
        resp.raise_for_status()
        return resp.json()["translations"]


class BackupMT:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=20.0)

    async def translate(self, texts: list[str], target: str) -> list[str]:
        resp = await self._http.post("/v2/translate", json={"texts": texts, "lang": target})
        resp.raise_for_status()
        return [item["text"] for item in resp.json()["items"]]


class Geocoder:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    async def locate(self, address: str) -> dict:
        resp = await self._http.get("/geocode", params={"q": address})
        resp.raise_for_status()
        return resp.json()

    async def reverse(self, lat: float, lon: float) -> dict:
        resp = await self._http.get("/reverse", params={"lat": lat, "lon": lon})
        resp.raise_for_status()
        return resp.json()
