"""Thin synchronous SDK for the airline billing portal (vendor-supplied API, requests based)."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import requests

from apron.errors import BillingRejected
from apron.utils.retry import backoff_sleep

log = logging.getLogger(__name__)


@dataclass
class InvoicePayload:
    airline: str
    service_day: str
    lines: list[dict[str, Any]]
    total: str


class BillingClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._base = base_url.rstrip("/")
        self._http = requests.Session()
        self._http.headers["Authorization"] = f"ApiKey {api_key}"

    def ping(self) -> bool:
        resp = self._http.get(f"{self._base}/health", timeout=(3, 5))
        return resp.ok

    def submit_invoice(self, invoice: InvoicePayload) -> str:
        resp = self._http.post(f"{self._base}/invoices", json=invoice.__dict__)
        if resp.status_code == 422:
            raise BillingRejected(resp.text)
        resp.raise_for_status()
        return resp.json()["invoice_ref"]

    def fetch_rates(self, airline: str) -> dict[str, str]:
        for attempt in range(3):
            try:
                resp = self._http.get(f"{self._base}/rates/{airline}", timeout=(3, 10))
                resp.raise_for_status()
                return resp.json()["rates"]
            except requests.ConnectionError:
                if attempt == 2:
                    raise
                backoff_sleep(attempt)
        return {}
