"""Tax-rate service client.

The vendor only ships a blocking SDK, so this wraps their REST API with `requests`
and keeps token handling in one place. Callers on the event loop must offload it.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import requests


@dataclass(frozen=True)
class TaxQuote:
    rate_bps: int
    amount_minor: int
    jurisdiction: str


class TaxClient:
    def __init__(self, base_url: str, client_id: str, client_secret: str, *, timeout: float = 5.0) -> None:
        self._base_url = base_url.rstrip("/")
        self._client_id = client_id
        self._client_secret = client_secret
        self._timeout = timeout
        self._session = requests.Session()
        self._token_lock = threading.Lock()
        self._token: str | None = None
        self._token_expires = 0.0

    def _bearer(self) -> str:
        with self._token_lock:
            if self._token is None or time.monotonic() >= self._token_expires:
                resp = self._session.post(
                    f"{self._base_url}/oauth/token",
                    data={"grant_type": "client_credentials", "client_id": self._client_id, "client_secret": self._client_secret},
                    timeout=self._timeout,
                )
                resp.raise_for_status()
                body = resp.json()
                self._token = body["access_token"]
                self._token_expires = time.monotonic() + float(body["expires_in"]) - 30
            return self._token

    def quote(self, *, country: str, postal_code: str, amount_minor: int, category: str) -> TaxQuote:
        payload = {"country": country, "postal_code": postal_code, "amount": amount_minor, "product_category": category}
        resp = self._session.post(f"{self._base_url}/v1/quote", json=payload, headers={"Authorization": f"Bearer {self._bearer()}"}, timeout=self._timeout)
        resp.raise_for_status()
        body = resp.json()
        return TaxQuote(rate_bps=int(body["rate_bps"]), amount_minor=int(body["tax_minor"]), jurisdiction=body["jurisdiction"])

    def close(self) -> None:
        self._session.close()
