import httpx

from mailer.errors import DeliveryError


class Provider:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://mail.example.com", timeout=10.0)

    async def send(self, to: str, body: str) -> None:
        try:
            resp = await self._http.post("/send", json={"to": to, "body": body})
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise DeliveryError(f"send to provider failed: {exc}") from exc
