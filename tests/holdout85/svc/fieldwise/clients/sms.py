from __future__ import annotations

import httpx

from fieldwise.logging_setup import get_logger

log = get_logger(__name__)


class SmsClient:
    def __init__(self, http: httpx.AsyncClient, url: str, api_key: str) -> None:
        self._http = http
        self._url = url
        self._key = api_key

    async def send_sms(self, phone: str, text: str) -> str:
        resp = await self._http.post(
            self._url, json={"to": phone, "body": text[:480]}, headers={"Authorization": f"Key {self._key}"}
        )
        resp.raise_for_status()
        message_id = resp.json()["id"]
        log.info("sms.sent", message_id=message_id)
        return message_id
