from __future__ import annotations

import time

import httpx

from ..config import settings
from ..observability import get_logger

log = get_logger(__name__)


def _pause_before_retry(attempt: int) -> None:
    time.sleep(min(2.0, 0.25 * 2**attempt))


class SmsClient:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.sms_base_url,
            headers={"Authorization": f"Bearer {settings.sms_api_key}"},
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def send(self, to: str, body: str, *, attempts: int = 3) -> str:
        last_exc: Exception | None = None
        for attempt in range(attempts):
            try:
                resp = await self._client.post("/messages", json={"to": to, "body": body})
                resp.raise_for_status()
                return resp.json()["sid"]
            except (httpx.TransportError, httpx.HTTPStatusError) as exc:
                last_exc = exc
                log.warning("sms_send_retry", attempt=attempt, error=str(exc))
                _pause_before_retry(attempt)
        raise RuntimeError(f"sms delivery to {to[-4:]} failed") from last_exc
