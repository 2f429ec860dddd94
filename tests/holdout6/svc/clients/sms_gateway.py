"""Synchronous client for the SMS vendor's REST API, trimmed from the vendor SDK."""
from __future__ import annotations

import requests


class SmsGatewayError(RuntimeError):
    pass


class SmsGateway:
    def __init__(self, base_url: str, account: str, token: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._account = account
        self._session = requests.Session()
        self._session.auth = (account, token)

    def _messages_url(self) -> str:
        return f"{self._base_url}/Accounts/{self._account}/Messages.json"

    def send_message(self, to: str, body: str, sender: str = "TeleClinic") -> str:
        response = self._session.post(self._messages_url(), data={"To": to, "From": sender, "Body": body})
        if response.status_code >= 400:
            raise SmsGatewayError(f"sms vendor returned {response.status_code}: {response.text[:200]}")
        return response.json()["sid"]

    def message_status(self, sid: str) -> str:
        url = f"{self._base_url}/Accounts/{self._account}/Messages/{sid}.json"
        response = self._session.get(url, timeout=10)
        response.raise_for_status()
        return response.json()["status"]
