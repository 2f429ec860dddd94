"""Thin synchronous wrapper over the vendor paging/alerting REST API."""
from __future__ import annotations

import threading

import requests
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential


class PagingClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._base = base_url.rstrip("/")
        self._session = requests.Session()
        self._session.headers["authorization"] = f"Token {api_key}"
        self._stats_lock = threading.Lock()
        self.pages_sent = 0

    @retry(
        stop=stop_after_attempt(3),
        wait=wait_exponential(multiplier=0.5, max=4),
        retry=retry_if_exception_type(requests.ConnectionError),
        reraise=True,
    )
    def send_page(self, group: str, message: str) -> str:
        resp = self._session.post(f"{self._base}/pages", json={"group": group, "text": message[:240]})
        resp.raise_for_status()
        with self._stats_lock:
            self.pages_sent += 1
        return resp.json()["id"]

    def lookup_group(self, code: str) -> dict:
        resp = self._session.get(f"{self._base}/groups/{code}", timeout=(3, 10))
        resp.raise_for_status()
        return resp.json()
