"""SMS gateway and voice-call clients for critical-value notifications (aiohttp)."""
from __future__ import annotations

import logging
import time

import aiohttp

from ..config import get_settings
from ..utils.circuit import CircuitBreaker

log = logging.getLogger(__name__)


class SmsError(Exception):
    pass


class SmsClient:
    def __init__(self) -> None:
        settings = get_settings()
        self._url = settings.sms_api_url
        self._key = settings.sms_api_key
        self._session: aiohttp.ClientSession | None = None
        self._breaker = CircuitBreaker("sms", failure_threshold=5, reset_after_s=60)

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=8))

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def send(self, phone: str, body: str) -> str:
        return await self._breaker.call(lambda: self._send_with_retry(phone, body))

    async def _send_with_retry(self, phone: str, body: str, attempts: int = 3) -> str:
        assert self._session is not None
        delay = 1.0
        last_error: Exception | None = None
        for attempt in range(attempts):
            try:
                async with self._session.post(
                    self._url,
                    json={"to": phone, "body": body[:320]},
                    headers={"Authorization": f"Key {self._key}"},
                ) as resp:
                    if resp.status in (429, 500, 502, 503):
                        raise SmsError(f"gateway busy: {resp.status}")
                    resp.raise_for_status()
                    data = await resp.json()
                    return data["message_id"]
            except (aiohttp.ClientError, SmsError) as exc:
                last_error = exc
                log.warning("sms attempt %d to %s failed: %s", attempt + 1, phone[-4:], exc)
                time.sleep(delay)
                delay *= 2
        raise SmsError(f"sms to ...{phone[-4:]} failed after {attempts} attempts") from last_error


class VoiceClient:
    def __init__(self) -> None:
        self._url = get_settings().voice_api_url
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None, sock_read=None))

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def call(self, phone: str, script: str) -> str:
        assert self._session is not None
        async with self._session.post(self._url, json={"to": phone, "tts": script, "retries": 2}) as resp:
            resp.raise_for_status()
            payload = await resp.json()
        log.info("voice call placed to ...%s id=%s", phone[-4:], payload.get("call_id"))
        return payload["call_id"]
