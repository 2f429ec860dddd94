import httpx


class PayerClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    async def coverage(self, member_id: str) -> dict:
        resp = await self._http.get(f"/v1/coverage/{member_id}")
        resp.raise_for_status()
        return resp.json()
