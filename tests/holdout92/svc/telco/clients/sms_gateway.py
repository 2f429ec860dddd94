from __future__ import annotations

import logging

import requests

logger = logging.getLogger(__name__)


class SmsGatewayError(Exception):
    pass


class SmsGatewaySdk:
    """Thin blocking wrapper around the SMSC HTTP gateway (vendor SDK style)."""

    def __init__(self, base_url: str, sender: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._sender = sender
        self._session = requests.Session()

    def send(self, msisdn: str, text: str) -> str:
        response = self._session.post(
            f"{self._base_url}/api/sms",
            json={"from": self._sender, "to": msisdn, "text": text},
            timeout=5,
        )
        if response.status_code >= 400:
            raise SmsGatewayError(f"sms gateway returned {response.status_code}")
        return response.json()["messageId"]

    def close(self) -> None:
        self._session.close()
