import httpx


class SmsError(Exception):
    pass


class AlreadyQueued(Exception):
    pass


class SmsGateway:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def send(self, phone: str, text: str) -> str:
        try:
            resp = await self._client.post("/messages", json={"to": phone, "text": text})
        except httpx.HTTPError as exc:
            raise SmsError(f"gateway unreachable: {exc}") from exc
        if resp.status_code == 409:
            raise AlreadyQueued(phone)
        if resp.status_code >= 400:
            raise SmsError(f"gateway returned {resp.status_code}")
        return resp.json()["id"]
