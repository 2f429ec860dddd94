from __future__ import annotations

import logging

import httpx

from pricewatch.config import Settings
from pricewatch.utils.resilience import CircuitBreaker

log = logging.getLogger(__name__)


class EmailDeliveryError(Exception):
    pass


class EmailClient:
    """Thin wrapper around the transactional mail relay's REST API."""

    def __init__(self, settings: Settings, http: httpx.AsyncClient | None = None) -> None:
        self._from = settings.email_from
        self._http = http or httpx.AsyncClient(
            base_url=settings.email_api_base,
            timeout=httpx.Timeout(10.0, connect=3.0),
            headers={"Authorization": f"Bearer {settings.email_api_key}"},
        )
        self._breaker = CircuitBreaker("email", failure_threshold=10, reset_after=60.0)

    async def send(self, to: str, subject: str, html: str) -> str:
        self._breaker.guard()
        body = {
            "from": {"email": self._from, "name": "PriceWatch"},
            "to": [{"email": to}],
            "subject": subject,
            "content": [{"type": "text/html", "value": html}],
        }
        try:
            resp = await self._http.post("/mail/send", json=body)
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            self._breaker.on_error(exc)
            raise EmailDeliveryError(f"mail relay rejected message to {to}") from exc
        self._breaker.record_success()
        return resp.headers.get("x-message-id", "")

    async def aclose(self) -> None:
        await self._http.aclose()
