"""Bank statements over a synchronous client used from a worker thread."""
from __future__ import annotations

import httpx

from ledger.settings import BANK_URL


def make_bank_client() -> httpx.Client:
    return httpx.Client(
        base_url=BANK_URL,
        headers={"Accept": "application/json"},
        timeout=None,  # expect: missing-timeout
    )


def fetch_statement(client: httpx.Client, account: str) -> dict:
    resp = client.get(f"/accounts/{account}/statement")
    resp.raise_for_status()
    return resp.json()
