"""Outbound notification providers."""
import httpx

from notify.breaker import CircuitBreaker


class MailClient:
    """The mail provider: every request goes through its breaker."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)
        self._breaker = CircuitBreaker("mail")

    async def _post(self, payload: dict) -> str:
        resp = await self._http.post("/v3/send", json=payload)
        resp.raise_for_status()
        return resp.json()["id"]

    async def send(self, to: str, subject: str, text: str) -> str:
        return await self._breaker.call(lambda: self._post({"to": to, "subject": subject, "text": text}))


class ChatClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=20.0)

    async def post(self, channel: str, text: str) -> str:
        resp = await self._http.post("/api/chat.postMessage", json={"channel": channel, "text": text})
        resp.raise_for_status()
        return resp.json()["ts"]


class PagerClient:
    """The pager service, also behind a breaker of its own."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)
        self._breaker = CircuitBreaker("pager")

    async def _trigger(self, key: str, summary: str) -> None:
        resp = await self._http.post("/v2/enqueue", json={"routing_key": key, "summary": summary})
        resp.raise_for_status()

    async def trigger(self, key: str, summary: str) -> None:
        await self._breaker.call(lambda: self._trigger(key, summary))
