"""Once-a-day hand-offs to partners."""
import datetime as dt

import aiohttp
import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential


def seconds_until(hour: int) -> float:
    now = dt.datetime.now(dt.timezone.utc)
    target = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    if target <= now:
        target += dt.timedelta(days=1)
    return (target - now).total_seconds()


class ClaimsUpload:
    def __init__(self, session: aiohttp.ClientSession, url: str) -> None:
        self._session = session
        self._url = url

    async def upload(self, batch: bytes) -> None:
        form = aiohttp.FormData()
        form.add_field("file", batch, filename="claims.csv")
        async with self._session.post(self._url, data=form) as resp:  # expect: no-retry
            resp.raise_for_status()


class UsageReport:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def send(self, rows: list[dict]) -> None:
        response = await self._http.post("/usage/daily", json={"rows": rows})  # expect: no-retry
        response.raise_for_status()


class AuditShipper:
    """Shipped nightly too, but with a retry on connection errors."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    @retry(retry=retry_if_exception_type(httpx.ConnectError), stop=stop_after_attempt(5),
           wait=wait_exponential(multiplier=1, max=60), reraise=True)
    async def ship(self, lines: list[str]) -> None:
        response = await self._http.post("/audit/batches", json={"lines": lines})
        response.raise_for_status()


class Heartbeat:
    """Sent every 20 seconds: a lost beat is sent again in a moment."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def beat(self, node: str) -> None:
        response = await self._http.post("/heartbeats", json={"node": node})
        response.raise_for_status()
