from __future__ import annotations

from typing import Any

import requests


class SafetyGateway:
    """Vendor SDK wrapper for the sponsor safety database. Synchronous by design."""

    def __init__(self, url: str, user: str, password: str) -> None:
        self._url = url.rstrip("/")
        self._session = requests.Session()
        self._session.auth = (user, password)

    def register_case(self, payload: dict[str, Any]) -> str:
        resp = self._session.post(f"{self._url}/cases", json=payload, timeout=(5, 30))
        resp.raise_for_status()
        return resp.json()["caseId"]

    def fetch_case(self, case_ref: str) -> dict[str, Any]:
        resp = self._session.get(f"{self._url}/cases/{case_ref}", timeout=(5, 30))
        resp.raise_for_status()
        return resp.json()

    def close(self) -> None:
        self._session.close()
