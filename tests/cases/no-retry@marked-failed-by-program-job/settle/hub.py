import httpx


class HubClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(30.0))

    async def upload(self, partner: str, path: str) -> str:
        response = await self._http.post(f"/v1/partners/{partner}/files", content=open(path, "rb").read())
        response.raise_for_status()
        return response.json()["receipt"]

    async def publish(self, partner: str, content: bytes) -> str:
        response = await self._http.post(f"/v1/partners/{partner}/published", content=content)
        response.raise_for_status()
        return response.json()["receipt"]
