"""SMS delivery through TextWave, with SMSRelay as the secondary provider."""
from __future__ import annotations

import asyncio
import logging
import threading
import time

import aiohttp
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from svc.config import Settings

logger = logging.getLogger(__name__)

_MAX_PER_SECOND = 20


class SmsClient:
    def __init__(self, settings: Settings) -> None:
        self._primary = settings.sms_primary_url
        self._secondary = settings.sms_secondary_url
        self._api_key = settings.sms_api_key
        self._session: aiohttp.ClientSession | None = None
        self._window_lock = threading.Lock()
        self._window_started = time.monotonic()
        self._sent_in_window = 0

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(headers={"Authorization": f"Key {self._api_key}"})

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _throttle(self) -> None:
        with self._window_lock:
            elapsed = time.monotonic() - self._window_started
            if elapsed >= 1.0:
                self._window_started = time.monotonic()
                self._sent_in_window = 0
            elif self._sent_in_window >= _MAX_PER_SECOND:
                await asyncio.sleep(1.0 - elapsed)
                self._window_started = time.monotonic()
                self._sent_in_window = 0
            self._sent_in_window += 1

    @retry(
        stop=stop_after_attempt(3),
        wait=wait_exponential_jitter(initial=0.5, max=4.0),
        retry=retry_if_exception_type(aiohttp.ClientError),
        reraise=True,
    )
    async def _post(self, base_url: str, phone: str, body: str) -> None:
        assert self._session is not None, "SmsClient.start() was not called"
        async with self._session.post(f"{base_url}/messages", json={"to": phone, "text": body}) as resp:
            resp.raise_for_status()

    async def send(self, phone: str, body: str) -> None:
        await self._throttle()
        try:
            await self._post(self._primary, phone, body)
        except aiohttp.ClientError:
            logger.warning("primary SMS provider failed, using secondary", exc_info=True)
            await self._post(self._secondary, phone, body)
