"""Client of the harbour authority's paged API."""
import httpx


class Harbour:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://harbour.example", timeout=10)

    async def page(self, token: str | None) -> tuple[list[dict], str | None]:
        resp = await self._http.get("/moorings", params={"page": token or ""})
        body = resp.json()
        return body["items"], body.get("next")
