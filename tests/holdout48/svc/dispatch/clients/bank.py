"""Bank payout API. The vendor SDK is synchronous, so this client is too."""
from __future__ import annotations

import logging

import requests

from dispatch.config import Settings

logger = logging.getLogger(__name__)


class BankTransferError(Exception):
    pass


class BankClient:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.bank_base_url
        self._session = requests.Session()
        self._session.headers["Authorization"] = f"Bearer {settings.bank_api_key}"

    def transfer(self, account_ref: str, amount_cents: int, idempotency_key: str) -> str:
        resp = self._session.post(
            f"{self._base}/transfers",
            json={"account": account_ref, "amount": amount_cents, "currency": "USD"},
            headers={"Idempotency-Key": idempotency_key},
            timeout=(3, 15),
        )
        if resp.status_code >= 400:
            raise BankTransferError(f"{resp.status_code}: {resp.text[:200]}")
        return resp.json()["transfer_id"]

    def fetch_status(self, transfer_id: str) -> str:
        resp = self._session.get(f"{self._base}/transfers/{transfer_id}", timeout=(3, 10))
        resp.raise_for_status()
        return resp.json()["status"]
