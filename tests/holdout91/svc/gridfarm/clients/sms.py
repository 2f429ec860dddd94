from __future__ import annotations

import logging

import requests

log = logging.getLogger(__name__)


class SmsGateway:
    """Thin wrapper over the paging provider's REST API (sync SDK style)."""

    def __init__(self, account: str, token: str) -> None:
        self._session = requests.Session()
        self._session.auth = (account, token)
        self._url = f"https://sms.example-pager.com/v1/accounts/{account}/messages"

    def send(self, to: str, body: str) -> str:
        resp = self._session.post(self._url, data={"to": to, "body": body[:480]}, timeout=10)
        resp.raise_for_status()
        return resp.json()["sid"]
