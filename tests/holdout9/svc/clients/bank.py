from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import aiohttp
from aiobreaker import CircuitBreaker

from svc.errors import PayoutError

logger = logging.getLogger(__name__)

_TRANSFER_TIMEOUT = aiohttp.ClientTimeout(total=20, connect=3)
_TOKEN_TIMEOUT = aiohttp.ClientTimeout(total=10, connect=3)
_STATUS_TIMEOUT = aiohttp.ClientTimeout(total=8, connect=3)


@dataclass(frozen=True, slots=True)
class TransferRequest:
    idempotency_key: str
    iban: str
    beneficiary: str
    amount_cents: int
    remittance: str

    def as_payload(self) -> dict[str, Any]:
        return {
            "creditor": {"iban": self.iban, "name": self.beneficiary},
            "amount": {"value": self.amount_cents, "currency": "EUR", "scale": 2},
            "remittance_information": self.remittance,
        }


@dataclass(frozen=True, slots=True)
class TransferResult:
    reference: str
    status: str


@dataclass(frozen=True, slots=True)
class StatementLine:
    reference: str
    amount_cents: int
    booked_on: date
    counterparty: str


class BankClient:
    """Partner bank API: OAuth client credentials, transfers and daily statements."""

    def __init__(self, base_url: str, client_id: str, client_secret: str) -> None:
        self._base_url = base_url
        self._client_id = client_id
        self._client_secret = client_secret
        self._session: aiohttp.ClientSession | None = None
        self._token: str | None = None
        self._token_expiry = 0.0
        self._token_lock = asyncio.Lock()
        self._breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=60), name="bank")

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(base_url=self._base_url, raise_for_status=False)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("BankClient.start() has not been awaited")
        return self._session

    async def _access_token(self) -> str:
        async with self._token_lock:
            if self._token is not None and self._token_expiry > time.monotonic() + 30:
                return self._token
            return await self._refresh_token()

    async def _refresh_token(self) -> str:
        async with self._token_lock:  # one refresh in flight at a time
            form = {"grant_type": "client_credentials", "client_id": self._client_id, "client_secret": self._client_secret}
            async with self.session.post("/oauth/token", data=form, timeout=_TOKEN_TIMEOUT) as resp:
                resp.raise_for_status()
                body = await resp.json()
            self._token = body["access_token"]
            self._token_expiry = time.monotonic() + float(body.get("expires_in", 300))
            return self._token

    async def _auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {await self._access_token()}"}

    async def transfer(self, req: TransferRequest) -> TransferResult:
        return await self._breaker.call_async(self._transfer_with_retry, req)

    async def _transfer_with_retry(self, req: TransferRequest) -> TransferResult:
        payload = req.as_payload()
        delay = 0.5
        for attempt in range(1, 5):
            headers = {**await self._auth_headers(), "Idempotency-Key": req.idempotency_key}
            try:
                async with self.session.post("/v2/transfers", json=payload, headers=headers, timeout=_TRANSFER_TIMEOUT) as resp:
                    if resp.status >= 500:
                        raise aiohttp.ServerConnectionError(f"bank returned {resp.status}")
                    resp.raise_for_status()
                    body = await resp.json()
                    return TransferResult(reference=body["reference"], status=body["status"])
            except (aiohttp.ClientConnectionError, asyncio.TimeoutError) as exc:
                if attempt == 4:
                    raise PayoutError("bank transfer failed after retries") from exc
                logger.warning("bank transfer attempt %d failed: %s", attempt, exc)
                await asyncio.sleep(delay)
                delay *= 2
        raise PayoutError("bank transfer failed after retries")

    async def transfer_status(self, reference: str) -> str:
        headers = await self._auth_headers()
        async with self.session.get(f"/v2/transfers/{reference}", headers=headers, timeout=_STATUS_TIMEOUT) as resp:
            resp.raise_for_status()
            body = await resp.json()
        return str(body["status"])

    async def fetch_statement(self, day: date) -> list[StatementLine]:
        headers = await self._auth_headers()
        async with self.session.get("/v2/statements", params={"date": day.isoformat()}, headers=headers) as resp:
            resp.raise_for_status()
            body = await resp.json()
        return [
            StatementLine(
                reference=item["end_to_end_id"],
                amount_cents=int(item["amount"]["value"]),
                booked_on=date.fromisoformat(item["booking_date"]),
                counterparty=item.get("counterparty", ""),
            )
            for item in body["lines"]
        ]
