"""Contact lookups: the read is retried, the profile update (a POST) is not, and nothing else
in this module retries a POST, so the update is left alone."""
import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter


class Directory:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    @retry(retry=retry_if_exception_type(httpx.TransportError), stop=stop_after_attempt(3),
           wait=wait_exponential_jitter(initial=0.2, max=2))
    async def contact(self, user_id: str) -> dict:
        resp = await self._http.get(f"/contacts/{user_id}")
        resp.raise_for_status()
        return resp.json()


class Audit:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    async def record(self, user_id: str, event: str) -> None:
        resp = await self._http.post("/events", json={"user": user_id, "event": event})
        resp.raise_for_status()
