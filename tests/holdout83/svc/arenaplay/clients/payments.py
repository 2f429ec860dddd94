from __future__ import annotations

import asyncio
import logging
import threading
import time
from typing import Any

import httpx

from arenaplay.errors import UpstreamError
from arenaplay.settings import Settings
from arenaplay.utils.circuit import CircuitBreaker, CircuitOpenError
from arenaplay.utils.retry import with_backoff

logger = logging.getLogger(__name__)


class PaymentDeclined(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class PaymentsClient:
    """PayStream API. One client per process, built in the lifespan."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._http = httpx.AsyncClient(
            base_url=settings.payments_base_url,
            timeout=httpx.Timeout(10.0, connect=3.0),
            transport=httpx.AsyncHTTPTransport(retries=2),
        )
        self._breaker = CircuitBreaker("payments", threshold=5, reset_after=20.0)
        self._token: str | None = None
        self._token_expiry = 0.0
        self._token_lock = threading.Lock()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _fetch_token(self) -> tuple[str, float]:
        resp = await self._http.post(
            "/oauth/token",
            data={"grant_type": "client_credentials", "client_secret": self._settings.payments_api_key},
        )
        resp.raise_for_status()
        body = resp.json()
        return body["access_token"], time.monotonic() + body["expires_in"] - 30

    async def _auth_header(self) -> dict[str, str]:
        with self._token_lock:
            if self._token is None or time.monotonic() >= self._token_expiry:
                self._token, self._token_expiry = await self._fetch_token()
            return {"Authorization": f"Bearer {self._token}"}

    async def charge(self, player_id: int, amount_cents: int, method: str, idempotency_key: str) -> dict[str, Any]:
        async def _do() -> dict[str, Any]:
            headers = await self._auth_header()
            headers["Idempotency-Key"] = idempotency_key
            resp = await self._http.post(
                "/charges",
                json={"customer": str(player_id), "amount": amount_cents, "method": method},
                headers=headers,
            )
            if resp.status_code == 402:
                raise PaymentDeclined(resp.json().get("reason", "declined"))
            resp.raise_for_status()
            return resp.json()

        try:
            return await self._breaker.call(
                lambda: with_backoff(_do, attempts=3, retry_on=(httpx.TransportError, httpx.HTTPStatusError))
            )
        except CircuitOpenError as exc:
            raise UpstreamError("payments temporarily unavailable") from exc

    async def refund(self, charge_id: str, idempotency_key: str) -> None:
        headers = await self._auth_header()
        headers["Idempotency-Key"] = idempotency_key
        resp = await self._http.post(f"/charges/{charge_id}/refund", headers=headers)
        resp.raise_for_status()

    async def wait_settled(self, charge_id: str, poll: float = 0.5, limit: float = 10.0) -> bool:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            resp = await self._http.get(f"/charges/{charge_id}", headers=await self._auth_header())
            if resp.json().get("status") == "settled":
                return True
            await asyncio.sleep(poll)
        return False
