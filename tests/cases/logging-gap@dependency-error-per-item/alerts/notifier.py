"""Push-notification client shared by the alert jobs."""
import httpx


class Notifier:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def send(self, user_id: int, text: str) -> None:
        resp = await self._http.post("/push", json={"user": user_id, "text": text})
        resp.raise_for_status()
