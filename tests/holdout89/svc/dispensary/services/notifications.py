from __future__ import annotations

import asyncio
import logging
import time

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from twilio.base.exceptions import TwilioRestException

from dispensary.cache.redis_client import SMS_RATE_KEY
from dispensary.clients.sms import SmsGateway, deliver_pickup_notice, format_refill_reminder
from dispensary.repositories.patients import PatientRepository

logger = logging.getLogger(__name__)

SMS_PER_HOUR = 5


class NotificationService:
    def __init__(
        self, sms: SmsGateway, redis: aioredis.Redis, sessions: async_sessionmaker[AsyncSession]
    ) -> None:
        self._sms = sms
        self._redis = redis
        self._sessions = sessions

    async def _within_rate(self, phone: str) -> bool:
        key = SMS_RATE_KEY.format(phone=phone, window=int(time.time() // 3600))
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, 3600)
            count, _ = await pipe.execute()
        return count <= SMS_PER_HOUR

    async def notify_pickup_ready(self, patient_id: int, branch_name: str, rx_label: str) -> None:
        async with self._sessions() as session:
            patient = await PatientRepository(session).get(patient_id)
        if patient is None or not patient.sms_opt_in or not patient.phone:
            return
        if not await self._within_rate(patient.phone):
            logger.info("sms rate limit reached for patient %s", patient_id)
            return
        try:
            deliver_pickup_notice(self._sms, patient.phone, branch_name, rx_label)
        except TwilioRestException:
            pass

    async def send_refill_reminder(self, phone: str, first_name: str, drug_name: str, due_label: str) -> bool:
        if not await self._within_rate(phone):
            return False
        body = format_refill_reminder(first_name, drug_name, due_label)
        try:
            await asyncio.to_thread(self._sms.send_text, phone, body)
        except TwilioRestException as exc:
            logger.warning("refill reminder to %s failed: %s", phone[-4:], exc.msg)
            return False
        return True
