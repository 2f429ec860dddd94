from __future__ import annotations

import asyncio
import logging
import secrets

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from dispatch.clients.sms import SMSClient
from dispatch.repositories.drivers import DriverRepository
from dispatch.utils.security import hash_password, issue_token, verify_password

logger = logging.getLogger(__name__)


class AuthError(Exception):
    pass


class AuthService:
    def __init__(self, redis: Redis, sms: SMSClient) -> None:
        self._redis = redis
        self._sms = sms

    async def driver_login(self, session: AsyncSession, phone: str, password: str) -> str:
        driver = await DriverRepository(session).by_phone(phone)
        if driver is None or not verify_password(password, driver.password_hash):
            logger.info("failed driver login for ...%s", phone[-4:])
            raise AuthError("invalid credentials")
        return issue_token(str(driver.id), "driver")

    async def set_driver_password(self, session: AsyncSession, driver_id: int, password: str) -> None:
        repo = DriverRepository(session)
        driver = await repo.get(driver_id)
        if driver is None:
            raise AuthError("unknown driver")
        hashed = await asyncio.to_thread(hash_password, password)
        await repo.update_profile(driver, password_hash=hashed)

    async def send_rider_otp(self, phone: str) -> None:
        code = f"{secrets.randbelow(1_000_000):06d}"
        await self._redis.set(f"otp:{phone}", code, ex=300)
        await self._sms.send(phone, f"Your ride code is {code}")

    async def verify_rider_otp(self, phone: str, code: str, rider_id: int) -> str:
        stored = await self._redis.getdel(f"otp:{phone}")
        if stored is None or not secrets.compare_digest(stored, code):
            raise AuthError("invalid code")
        return issue_token(str(rider_id), "rider")
