"""Push provider client: each send is retried in a loop until it answers."""
import asyncio

import httpx


class PushClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def send(self, user_id: int, text: str) -> bool:
        attempt = 0
        while True:
            try:
                response = await self._http.post("/v1/push", json={"user": user_id, "text": text})
                response.raise_for_status()
                return True
            except httpx.TransportError:
                attempt += 1
                if attempt > 3:
                    raise
                await asyncio.sleep(0.5 * attempt)
