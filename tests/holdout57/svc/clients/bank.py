"""Bank-transfer provider used for claim payouts."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from decimal import Decimal

import httpx

from svc.config import Settings

log = logging.getLogger(__name__)

_RETRYABLE = {429, 502, 503, 504}


class BankTransferError(Exception):
    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


@dataclass(frozen=True)
class TransferReceipt:
    reference: str
    status: str


class BankClient:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._client = httpx.AsyncClient(
            base_url=settings.bank_base_url,
            timeout=httpx.Timeout(settings.bank_timeout_seconds, connect=5.0),
            headers={"Authorization": f"Bearer {settings.bank_api_key}"},
        )

    async def close(self) -> None:
        await self._client.aclose()

    async def submit_transfer(
        self, *, idempotency_key: str, amount: Decimal, payee_name: str, payee_account: str, memo: str
    ) -> TransferReceipt:
        body = {
            "amount": str(amount),
            "currency": "USD",
            "beneficiary": {"name": payee_name, "account": payee_account},
            "reference": memo,
        }
        delay = 0.5
        for attempt in range(4):
            try:
                response = await self._client.post(
                    "/v3/transfers", json=body, headers={"Idempotency-Key": idempotency_key}
                )
            except httpx.TransportError as exc:
                if attempt == 3:
                    raise BankTransferError("bank unreachable", retryable=True) from exc
            else:
                if response.status_code not in _RETRYABLE:
                    break
            log.info("bank transfer attempt %d for %s failed, retrying", attempt + 1, idempotency_key)
            time.sleep(delay)
            delay *= 2
        if response.status_code >= 400:
            raise BankTransferError(f"bank rejected transfer: {response.status_code} {response.text[:200]}")
        data = response.json()
        return TransferReceipt(reference=data["id"], status=data["status"])

    async def transfer_status(self, reference: str) -> str:
        response = await self._client.get(f"/v3/transfers/{reference}")
        response.raise_for_status()
        return response.json()["status"]

    async def settled_since(self, since_iso: str) -> list[dict]:
        results: list[dict] = []
        cursor: str | None = None
        while True:
            params = {"settled_after": since_iso, "limit": 500}
            if cursor:
                params["cursor"] = cursor
            response = await self._client.get("/v3/transfers", params=params)
            response.raise_for_status()
            page = response.json()
            results.extend(page["data"])
            cursor = page.get("next_cursor")
            if not cursor:
                return results

    async def account_balance(self) -> Decimal:
        async with httpx.AsyncClient(base_url=self._settings.bank_base_url, timeout=10.0) as client:
            response = await client.get(
                "/v3/accounts/operating/balance",
                headers={"Authorization": f"Bearer {self._settings.bank_api_key}"},
            )
            response.raise_for_status()
            return Decimal(response.json()["available"])
