"""Client for the escrow payment provider."""
from __future__ import annotations

import logging
import uuid
from typing import Any

from datetime import timedelta

import aiohttp
from aiobreaker import CircuitBreaker
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from svc.config import Settings
from svc.errors import UpstreamUnavailable

log = logging.getLogger(__name__)

escrow_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))


class EscrowClient:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._settings.escrow_base_url,
            headers={"Authorization": f"Bearer {self._settings.escrow_api_key}"},
            timeout=aiohttp.ClientTimeout(total=15, connect=3),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("escrow client not started")
        return self._session

    async def open_escrow(self, lot_id: int, buyer_ref: str, amount_cents: int) -> dict[str, Any]:
        payload = {"reference": f"lot-{lot_id}", "payer": buyer_ref, "amount": amount_cents}
        headers = {"Idempotency-Key": f"open-{lot_id}"}
        async with self.session.post("/escrows", json=payload, headers=headers) as resp:
            if resp.status >= 500:
                raise UpstreamUnavailable("escrow provider")
            resp.raise_for_status()
            return await resp.json()

    async def capture(self, escrow_id: str) -> dict[str, Any]:
        headers = {"Idempotency-Key": f"capture-{escrow_id}"}
        async with self.session.post(f"/escrows/{escrow_id}/capture", headers=headers) as resp:
            resp.raise_for_status()
            return await resp.json()

    @escrow_breaker
    @retry(
        retry=retry_if_exception_type(aiohttp.ClientError),
        stop=stop_after_attempt(4),
        wait=wait_exponential_jitter(initial=0.5, max=8),
        reraise=True,
    )
    async def release_to_seller(self, escrow_id: str, payout_account: str) -> str:
        headers = {"Idempotency-Key": f"release-{escrow_id}"}
        body = {"destination": payout_account}
        url = f"/escrows/{escrow_id}/release"
        async with self.session.post(url, json=body, headers=headers) as resp:
            resp.raise_for_status()
            data = await resp.json()
        return str(data["transfer_id"])

    async def balance(self, account_ref: str) -> int:
        auth = {"Authorization": f"Bearer {self._settings.escrow_api_key}"}
        async with aiohttp.ClientSession(base_url=self._settings.escrow_base_url, headers=auth) as session:
            async with session.get(f"/accounts/{account_ref}/balance") as resp:
                resp.raise_for_status()
                return int((await resp.json())["available"])

    def new_reference(self) -> str:
        return uuid.uuid4().hex
