"""Payments gateway (bank transfers to claimants)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import aiohttp
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from svc.errors import PaymentDeclinedError


@dataclass
class _AccessToken:
    value: str
    expires_at: float

    @property
    def expired(self) -> bool:
        return time.monotonic() > self.expires_at - 30


class PaymentsGateway:
    def __init__(self, base_url: str, client_id: str, client_secret: str) -> None:
        self._base_url = base_url
        self._client_id = client_id
        self._client_secret = client_secret
        self._session: aiohttp.ClientSession | None = None
        self._token: _AccessToken | None = None
        self._token_lock = threading.Lock()

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(base_url=self._base_url, raise_for_status=False)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("PaymentsGateway.start() was not called")
        return self._session

    async def _fetch_token(self) -> _AccessToken:
        form = {"grant_type": "client_credentials", "client_id": self._client_id, "client_secret": self._client_secret}
        async with self.session.post("/oauth/token", data=form) as resp:
            resp.raise_for_status()
            body = await resp.json()
        return _AccessToken(value=body["access_token"], expires_at=time.monotonic() + float(body["expires_in"]))

    async def _auth_headers(self) -> dict[str, str]:
        with self._token_lock:
            if self._token is None or self._token.expired:
                self._token = await self._fetch_token()
            return {"Authorization": f"Bearer {self._token.value}"}

    @retry(
        stop=stop_after_attempt(4),
        wait=wait_exponential(multiplier=0.5, max=8),
        retry=retry_if_exception_type(aiohttp.ClientConnectionError),
        reraise=True,
    )
    async def pay(self, payout_id: int, amount_cents: int, currency: str, idempotency_key: str) -> str:
        headers = await self._auth_headers()
        headers["Idempotency-Key"] = idempotency_key
        payload = {"reference": f"payout-{payout_id}", "amount": amount_cents, "currency": currency}
        async with self.session.post("/v1/transfers", json=payload, headers=headers) as resp:
            if resp.status == 402:
                raise PaymentDeclinedError(f"transfer for payout {payout_id} declined")
            resp.raise_for_status()
            body = await resp.json()
        return str(body["transfer_id"])
