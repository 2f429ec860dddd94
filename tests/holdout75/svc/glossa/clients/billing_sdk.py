"""Thin wrapper over the billing provider's REST API. Synchronous (requests): call it from a thread."""
from __future__ import annotations

import requests


class BillingError(Exception):
    pass


class BillingClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._base = base_url.rstrip("/")
        self._session = requests.Session()
        self._session.headers.update({"Authorization": f"Bearer {api_key}", "User-Agent": "glossa-billing/1"})

    def report_usage(self, org_id: int, lines: list[dict], idempotency_key: str) -> dict:
        response = self._session.post(
            f"{self._base}/v1/customers/org-{org_id}/usage",
            json={"lines": lines},
            headers={"Idempotency-Key": idempotency_key},
        )
        if response.status_code >= 400:
            raise BillingError(f"usage report for org {org_id} rejected: {response.status_code} {response.text[:200]}")
        return response.json()

    def fetch_plan(self, org_id: int) -> dict:
        response = self._session.get(f"{self._base}/v1/customers/org-{org_id}/plan", timeout=(3, 10))
        response.raise_for_status()
        return response.json()
