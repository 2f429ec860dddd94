"""Remote services the refunds talk to."""
import httpx


class CardGateway:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def refund(self, token: str, amount_cents: int) -> str:
        resp = await self._client.post("/refunds", json={"token": token, "amount": amount_cents})
        resp.raise_for_status()
        return resp.json()["ref"]


class Mailer:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def send(self, to: str, body: str) -> None:
        resp = await self._client.post("/mail", json={"to": to, "body": body})
        resp.raise_for_status()
