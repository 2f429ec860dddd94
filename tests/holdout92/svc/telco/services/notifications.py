from __future__ import annotations

import asyncio
import logging

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from telco.clients.sms_gateway import SmsGatewayError, SmsGatewaySdk
from telco.repositories.billing import InvoiceRepository
from telco.utils.timeutil import utcnow

logger = logging.getLogger(__name__)


class NotificationService:
    def __init__(
        self, sdk: SmsGatewaySdk, redis: aioredis.Redis, session_factory: async_sessionmaker[AsyncSession]
    ) -> None:
        self._sdk = sdk
        self._redis = redis
        self._session_factory = session_factory

    async def send_sms(self, msisdn: str, text: str) -> None:
        try:
            await asyncio.to_thread(self._sdk.send, msisdn, text)
        except SmsGatewayError:
            pass

    async def send_sms_or_raise(self, msisdn: str, text: str) -> str:
        try:
            return await asyncio.to_thread(self._sdk.send, msisdn, text)
        except SmsGatewayError:
            logger.exception("sms to %s failed", msisdn[-4:])
            raise

    async def low_balance(self, subscriber_id: int, msisdn: str, available_cents: int) -> None:
        key = f"notify:lowbal:{subscriber_id}:{utcnow():%Y%m%d}"
        if await self._redis.exists(key):
            return
        amount = Decimal(available_cents) / 100
        await self.send_sms(msisdn, f"Your balance is low: £{amount:.2f}. Top up in the app.")
        await self._redis.set(key, "1", ex=86_400)

    async def threshold_crossed(self, subscriber_id: int, msisdn: str, period: str, threshold: int) -> None:
        async with self._session_factory() as session, session.begin():
            first_time = await InvoiceRepository(session).record_notice(subscriber_id, period, threshold)
        if first_time:
            await self.send_sms(msisdn, f"You have used {threshold}% of your data allowance this month.")

    async def port_completed(self, msisdn: str) -> None:
        await self.send_sms(msisdn, "Welcome! Your number has been moved to us successfully.")

    async def otp(self, msisdn: str, code: str) -> None:
        await self.send_sms_or_raise(msisdn, f"Your verification code is {code}")
