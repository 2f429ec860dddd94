from __future__ import annotations

import logging

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

logger = logging.getLogger(__name__)


class PushGateway:
    """Synchronous client for the mobile push gateway (vendor SDK is requests-based)."""

    def __init__(self, url: str, api_key: str) -> None:
        self._url = url
        self._session = requests.Session()
        self._session.headers["Authorization"] = f"Key {api_key}"
        retries = Retry(total=2, backoff_factor=0.3, status_forcelist=(502, 503, 504), allowed_methods=None)
        self._session.mount("https://", HTTPAdapter(max_retries=retries, pool_maxsize=20))

    def send(self, device_token: str, title: str, body: str) -> bool:
        response = self._session.post(
            self._url,
            json={"to": device_token, "notification": {"title": title, "body": body}},
            timeout=(3.05, 10),
        )
        if response.status_code == 404:
            logger.info("push token no longer registered")
            return False
        response.raise_for_status()
        return True

    def close(self) -> None:
        self._session.close()
