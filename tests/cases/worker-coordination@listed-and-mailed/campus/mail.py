"""Mail API client; each send is retried a few times."""
import asyncio

import httpx


class MailClient:
    def __init__(self, base_url: str, token: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, headers={"Authorization": f"Bearer {token}"},
                                       timeout=httpx.Timeout(10.0, connect=3.0))

    async def send(self, to: list[str], subject: str, html: str) -> None:
        body = {"to": to, "subject": subject, "html": html}

        async def _once() -> None:
            response = await self._http.post("/mail/send", json=body)
            response.raise_for_status()

        for attempt in range(3):
            try:
                await _once()
                return
            except httpx.TransportError:
                await asyncio.sleep(2 ** attempt)
        await _once()
