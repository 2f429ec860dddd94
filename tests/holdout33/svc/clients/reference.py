"""Reference-data services with synchronous SDK-style clients: addresses and product dimensions."""
from __future__ import annotations

from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from ..config import Settings
from ..errors import InvalidAddress


class AddressValidator:
    def __init__(self, settings: Settings) -> None:
        self._url = settings.address_api_url
        self._session = requests.Session()
        retries = Retry(total=2, backoff_factor=0.3, status_forcelist=(502, 503, 504), allowed_methods=frozenset({"POST"}))
        self._session.mount("https://", HTTPAdapter(max_retries=retries, pool_maxsize=10))

    def normalise(self, address: dict[str, Any]) -> dict[str, Any]:
        resp = self._session.post(self._url, json=address, timeout=(2.0, 5.0))
        if resp.status_code == 422:
            raise InvalidAddress("address could not be validated", details=resp.json())
        resp.raise_for_status()
        return resp.json()["address"]

    def close(self) -> None:
        self._session.close()


def fetch_dimensions(base_url: str, sku_code: str) -> dict[str, int] | None:
    """Product catalogue lookup; blocking, so run it off the event loop."""
    resp = requests.get(f"{base_url}/skus/{sku_code}/dimensions", headers={"Accept": "application/json"})
    if resp.status_code == 404:
        return None
    resp.raise_for_status()
    data = resp.json()
    return {"weight_g": int(data["weight_g"])}
