"""Clients of the quote services, built once per process."""
from __future__ import annotations

import httpx

from quotes.settings import BOOK_TIMEOUT, BOOK_URL, FEED_TIMEOUT, FEED_URL

SCALE = 1.5


def retries(timeout: float | None = None) -> httpx.HTTPTransport:
    return httpx.HTTPTransport(retries=2)


def feed_client() -> httpx.Client:
    return httpx.Client(base_url=FEED_URL, timeout=FEED_TIMEOUT)  # expect: missing-timeout


def book_client() -> httpx.Client:
    # look-alike: None only when QUOTES_SLOW is set
    return httpx.Client(base_url=BOOK_URL, timeout=BOOK_TIMEOUT)


def depth_client() -> httpx.Client:
    # look-alike: the `timeout=None` in this call's text belongs to the inner call
    return httpx.Client(base_url=BOOK_URL, timeout=2.0 * SCALE, transport=retries(timeout=None))


def tape_client() -> httpx.Client:
    return httpx.Client(
        base_url=FEED_URL,
        timeout=None,  # expect: missing-timeout
    )


def book(symbol: str) -> dict:
    with book_client() as client:
        return client.get(f"/book/{symbol}").json()


def depth(symbol: str) -> dict:
    with depth_client() as client:
        return client.get(f"/depth/{symbol}").json()


def feed(symbol: str) -> dict:
    with feed_client() as client:
        return client.get(f"/feed/{symbol}").json()


def tape(symbol: str) -> dict:
    with tape_client() as client:
        return client.get(f"/tape/{symbol}").json()
