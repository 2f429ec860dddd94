from __future__ import annotations

import asyncio

import httpx
from twilio.base.exceptions import TwilioRestException

from fieldops.logging_setup import get_logger
from fieldops.repositories.outbox import OutboxRepository
from fieldops.workers.common import Resources

logger = get_logger(__name__)

BATCH_SIZE = 50
MAX_ATTEMPTS = 5


class NotificationWorker:
    """Drains the notification outbox: SMS through the vendor SDK, email through the HTTP API."""

    def __init__(self, resources: Resources) -> None:
        self._outbox = OutboxRepository(resources.pg_pool)
        self._sms = resources.sms
        self._email = resources.email
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        self._stopping.set()

    async def _deliver(self, message) -> None:
        if message["channel"] == "sms":
            await asyncio.to_thread(self._sms.send, message["recipient"], message["body"])
        else:
            await self._email.send(message["recipient"], message["subject"] or "", message["body"])

    async def run_batch(self) -> int:
        batch = await self._outbox.claim(BATCH_SIZE)
        for message in batch:
            try:
                await self._deliver(message)
            except (httpx.HTTPError, TwilioRestException):
                await self._outbox.mark_failed(message["id"], retry=message["attempts"] < MAX_ATTEMPTS)
                continue
            await self._outbox.mark_sent(message["id"])
        return len(batch)

    async def run_forever(self) -> None:
        while not self._stopping.is_set():
            try:
                processed = await self.run_batch()
            except:
                await asyncio.sleep(5)
                continue
            if processed == 0:
                await asyncio.sleep(1.0)
