"""Wrappers around HTTP clients the application creates and injects."""
import httpx


class RelatedClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def related(self, item_id: int) -> list[int]:
        resp = await self._http.get(f"/v1/related/{item_id}", params={"limit": 8})  # expect: no-fallback
        resp.raise_for_status()
        return [int(i) for i in resp.json()["ids"]]


class ReviewsClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def summary(self, item_id: int) -> dict:
        resp = await self._http.get(f"/v1/items/{item_id}/summary")
        resp.raise_for_status()
        return resp.json()
