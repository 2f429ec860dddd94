"""Clients of the services events are delivered to."""
import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter


class HookClient:
    """Tenant webhooks: one POST per event."""

    def __init__(self) -> None:
        self._http = httpx.AsyncClient(timeout=10)

    async def post_event(self, url: str, event: dict) -> None:
        response = await self._http.post(url, json=event)  # expect: no-retry
        response.raise_for_status()


class PagerClient:
    """The paging provider, retried on transport errors."""

    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://pager.example.com", timeout=10)

    @retry(retry=retry_if_exception_type(httpx.TransportError), wait=wait_exponential_jitter(initial=0.5, max=5),
           stop=stop_after_attempt(4))
    async def page(self, contact: str, text: str) -> None:
        response = await self._http.post("/v1/pages", json={"to": contact, "text": text})
        response.raise_for_status()


class AuditClient:
    """The audit sink; failed events go back on the queue."""

    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://audit.example.com", timeout=10)

    async def record(self, event: dict) -> None:
        response = await self._http.post("/v1/records", json=event)
        response.raise_for_status()


class StatusClient:
    """The status page, polled on a timer (the next round tries again)."""

    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://status.example.com", timeout=10)

    async def incidents(self) -> list[dict]:
        response = await self._http.get("/v1/incidents")
        response.raise_for_status()
        return response.json()
