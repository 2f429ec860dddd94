from __future__ import annotations

import logging
from datetime import date

import requests

from ..errors import BankTransferError

logger = logging.getLogger(__name__)


class BankClient:
    """Wrapper over the bank's payouts REST API (vendor SDK style, synchronous)."""

    def __init__(self, base_url: str, api_key: str, timeout: float = 20.0) -> None:
        self._base = base_url.rstrip("/")
        self._timeout = timeout
        self._session = requests.Session()
        self._session.headers["Authorization"] = f"ApiKey {api_key}"

    def transfer(self, account_ref: str, amount_cents: int, reference: str) -> str:
        url = f"{self._base}/transfers"
        payload = {"account": account_ref, "amount": amount_cents, "reference": reference}
        resp = self._session.post(url, json=payload, timeout=self._timeout)
        if resp.status_code >= 400:
            raise BankTransferError(f"transfer {reference} rejected: {resp.status_code}")
        return resp.json()["transfer_id"]

    def fetch_statement(self, day: date) -> list[dict]:
        resp = self._session.get(f"{self._base}/statements/{day.isoformat()}", timeout=self._timeout)
        resp.raise_for_status()
        return resp.json()["entries"]

    def close(self) -> None:
        self._session.close()
