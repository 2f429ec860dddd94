"""SMS gateway client. The vendor SDK is synchronous."""
from __future__ import annotations

import logging

import requests

logger = logging.getLogger(__name__)


class SmsGateway:
    def __init__(self, url: str, api_key: str) -> None:
        self._url = url
        self._session = requests.Session()
        self._session.headers["X-Api-Key"] = api_key

    def send(self, phone: str, text: str) -> str:
        response = self._session.post(self._url, json={"to": phone, "body": text[:320]}, timeout=5)
        response.raise_for_status()
        return response.json()["message_id"]

    def delivery_status(self, message_id: str) -> str:
        response = self._session.get(f"{self._url}/{message_id}", timeout=5)
        response.raise_for_status()
        return response.json()["status"]
