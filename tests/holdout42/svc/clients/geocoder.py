from __future__ import annotations

import functools
import logging

import requests

from svc.config import settings

logger = logging.getLogger(__name__)


class Geocoder:
    """Resolves free-text supply addresses to postcodes via the network operator's service."""

    def __init__(self, session: requests.Session | None = None) -> None:
        self._session = session or requests.Session()

    @functools.lru_cache(maxsize=2048)
    def lookup(self, address: str) -> str | None:
        resp = self._session.get(settings.geocoder_url, params={"q": address}, timeout=4)
        if resp.status_code == 404:
            return None
        resp.raise_for_status()
        results = resp.json().get("results", [])
        return results[0]["postcode"] if results else None
