"""Rider notifications over push and SMS."""
from __future__ import annotations

import asyncio
import logging
from datetime import date

from redis.asyncio import Redis

from transit.clients.push import PushClient
from transit.clients.sms import SmsGateway
from transit.metrics import NOTIFICATIONS
from transit.utils.retry import retry_async

logger = logging.getLogger(__name__)


class SmsLimitReached(Exception):
    pass


class NotificationService:
    def __init__(self, push: PushClient, sms: SmsGateway, redis: Redis, sms_daily_limit: int) -> None:
        self._push = push
        self._sms = sms
        self._redis = redis
        self._sms_daily_limit = sms_daily_limit

    async def push(self, token: str, title: str, body: str, data: dict | None = None) -> bool:
        try:
            delivered = await self._push.send(token, title, body, data)
        except Exception:
            NOTIFICATIONS.labels("push", "error").inc()
            return False
        NOTIFICATIONS.labels("push", "ok" if delivered else "rejected").inc()
        return delivered

    async def _reserve_sms_slot(self, rider_id: int) -> None:
        key = f"sms:count:{rider_id}:{date.today().isoformat()}"
        current = await self._redis.get(key)
        sent = int(current) if current else 0
        if sent >= self._sms_daily_limit:
            raise SmsLimitReached(rider_id)
        await self._redis.set(key, sent + 1, ex=86_400)

    async def sms(self, rider_id: int, phone: str, text: str) -> str:
        await self._reserve_sms_slot(rider_id)
        message_id = self._sms.send(phone, text)
        NOTIFICATIONS.labels("sms", "ok").inc()
        return message_id

    async def sms_receipt(self, rider_id: int, phone: str, text: str) -> str:
        """Transactional SMS (top-up receipts); retried because riders rely on them."""
        key = f"sms:receipts:{rider_id}:{date.today().isoformat()}"
        count = await self._redis.incr(key)
        if count == 1:
            await self._redis.expire(key, 86_400)
        if count > self._sms_daily_limit * 4:
            raise SmsLimitReached(rider_id)

        async def _send() -> str:
            return await asyncio.to_thread(self._sms.send, phone, text)

        return await retry_async(_send, attempts=3, base_delay=0.5, label="sms.receipt")

    async def sms_status(self, message_id: str) -> str:
        return await asyncio.to_thread(self._sms.delivery_status, message_id)
