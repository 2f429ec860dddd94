import httpx


class PartnerError(Exception):
    pass


class PartnerClient:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def deliver(self, payload: dict) -> str:
        try:
            resp = await self._client.post("/deliveries", json=payload)
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise PartnerError(str(exc)) from exc
        return resp.json()["id"]
