"""Clients of the search cluster: the bound is switched off only for callers that ask."""
from __future__ import annotations

import httpx

SEARCH_URL = "https://search.example.com"
REQUEST_TIMEOUT = 10.0


def search_client(no_timeout: bool = False, timeout: float | None = None) -> httpx.Client:
    # look-alike: None only when a caller passes no_timeout=True, which none does
    return httpx.Client(base_url=SEARCH_URL, timeout=None if no_timeout else (timeout or REQUEST_TIMEOUT))


def export_client() -> httpx.Client:
    return httpx.Client(base_url=SEARCH_URL, timeout=None)  # expect: missing-timeout


def query(text: str) -> dict:
    with search_client() as client:
        resp = client.get("/search", params={"q": text})
        resp.raise_for_status()
        return resp.json()


def export_all() -> list:
    with export_client() as client:
        return client.get("/export").json()
