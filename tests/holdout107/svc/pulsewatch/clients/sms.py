from __future__ import annotations

import hashlib
import hmac
import json
import time

import requests
import structlog

from pulsewatch.config import Settings
from pulsewatch.errors import DeliveryFailed

log = structlog.get_logger(__name__)

_MAX_SEGMENTS = 3
_SEGMENT_LEN = 153


def truncate_for_sms(text: str) -> str:
    limit = _MAX_SEGMENTS * _SEGMENT_LEN
    if len(text) <= limit:
        return text
    return text[: limit - 1] + "\u2026"


class SmsClient:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._session = requests.Session()
        self._session.headers.update({"Content-Type": "application/json"})

    def _signature(self, body: bytes, ts: str) -> str:
        mac = hmac.new(self._settings.sms_api_key.encode(), ts.encode() + b"." + body, hashlib.sha256)
        return mac.hexdigest()

    async def send_sms(self, phone: str, text: str) -> str:
        body = json.dumps(
            {"to": phone, "from": self._settings.sms_sender, "body": truncate_for_sms(text)}
        ).encode()
        ts = str(int(time.time()))
        response = self._session.post(
            self._settings.sms_api_url,
            data=body,
            headers={"X-Timestamp": ts, "X-Signature": self._signature(body, ts)},
            timeout=10,
        )
        if response.status_code >= 400:
            log.warning("sms.rejected", status=response.status_code, phone_suffix=phone[-4:])
            raise DeliveryFailed("sms gateway rejected message", details={"status": response.status_code})
        return response.json()["id"]
