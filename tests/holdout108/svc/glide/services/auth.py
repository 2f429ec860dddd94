from __future__ import annotations

import asyncio
import hmac
import logging
import secrets
import time
import uuid
from typing import Any

import httpx
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession

from glide.clients.messaging import SmsClient
from glide.core.redis import sync_redis
from glide.core.security import decode_token, hash_password, issue_token, verify_password
from glide.errors import Conflict, TooManyRequests, Unauthorized, UpstreamError
from glide.models import RiderStatus
from glide.repositories.riders import RiderRepository
from glide.repositories.wallets import WalletRepository
from glide.settings import Settings

log = logging.getLogger(__name__)

OTP_TTL_S = 300
OTP_RESEND_S = 60


class LoginGuard:
    """Locks an account out after repeated failed logins."""

    def __init__(self, max_failures: int, lockout_s: int = 900) -> None:
        self._max_failures = max_failures
        self._lockout_s = lockout_s
        self._failures: dict[str, tuple[int, float]] = {}

    def check(self, email: str) -> None:
        count, since = self._failures.get(email, (0, 0.0))
        if count >= self._max_failures and time.monotonic() - since < self._lockout_s:
            raise TooManyRequests("account temporarily locked")

    def record_failure(self, email: str) -> None:
        count, _ = self._failures.get(email, (0, 0.0))
        self._failures[email] = (count + 1, time.monotonic())

    def reset(self, email: str) -> None:
        self._failures.pop(email, None)


class TokenVerifier:
    def __init__(self, settings: Settings, redis: aioredis.Redis) -> None:
        self._secret = settings.jwt_secret
        self._redis = redis
        self._claims_cache: dict[str, dict[str, Any]] = {}

    async def verify(self, token: str) -> dict[str, Any]:
        claims = self._claims_cache.get(token)
        if claims is None:
            claims = decode_token(token, self._secret)
            self._claims_cache[token] = claims
        if claims["exp"] < time.time():
            raise Unauthorized("token expired")
        if await self._redis.exists(f"revoked:{claims['sub']}:{claims['iat']}"):
            raise Unauthorized("token revoked")
        return claims


class AuthService:
    def __init__(
        self,
        session: AsyncSession,
        settings: Settings,
        redis: aioredis.Redis,
        guard: LoginGuard,
    ) -> None:
        self._s = session
        self._settings = settings
        self._redis = redis
        self._guard = guard
        self._riders = RiderRepository(session)
        self._wallets = WalletRepository(session)

    async def register(self, email: str, phone: str, full_name: str, password: str, city_id: int) -> str:
        if len(password) < 10:
            raise Conflict("password too short", code="weak_password")
        password_hash = hash_password(password)
        rider_id = await self._riders.create_if_absent(
            email=email, phone=phone, full_name=full_name, password_hash=password_hash, city_id=city_id
        )
        if rider_id is None:
            raise Conflict("email already registered", code="email_taken")
        await self._wallets.ensure(rider_id)
        await self._s.commit()
        return issue_token(str(rider_id), "rider", self._settings.jwt_secret, self._settings.jwt_ttl_seconds)

    async def login(self, email: str, password: str) -> str:
        self._guard.check(email)
        rider = await self._riders.get_by_email(email)
        if rider is None:
            self._guard.record_failure(email)
            raise Unauthorized("invalid credentials")
        ok = await asyncio.to_thread(verify_password, password, rider.password_hash)
        if not ok:
            self._guard.record_failure(email)
            raise Unauthorized("invalid credentials")
        self._guard.reset(email)
        return issue_token(str(rider.id), "rider", self._settings.jwt_secret, self._settings.jwt_ttl_seconds)

    async def logout(self, claims: dict[str, Any]) -> None:
        ttl = max(1, int(claims["exp"] - time.time()))
        sync_redis().setex(f"revoked:{claims['sub']}:{claims['iat']}", ttl, "1")

    async def request_otp(self, phone: str, sms: SmsClient) -> None:
        throttle_key = f"otp:throttle:{phone}"
        if not await self._redis.set(throttle_key, "1", nx=True, ex=OTP_RESEND_S):
            raise TooManyRequests("code already sent, try again shortly")
        code = f"{secrets.randbelow(1_000_000):06d}"
        await self._redis.set(f"otp:code:{phone}", code, ex=OTP_TTL_S)
        try:
            await sms.send_otp(phone, code)
        except httpx.HTTPError as exc:
            await self._redis.delete(throttle_key, f"otp:code:{phone}")
            raise UpstreamError("could not send verification code") from exc

    async def verify_otp(self, phone: str, code: str) -> str:
        attempts_key = f"otp:attempts:{phone}"
        attempts = await self._redis.incr(attempts_key)
        if attempts == 1:
            await self._redis.expire(attempts_key, OTP_TTL_S)
        if attempts > 5:
            raise TooManyRequests("too many attempts")
        expected = await self._redis.getdel(f"otp:code:{phone}")
        if expected is None or not hmac.compare_digest(expected, code):
            raise Unauthorized("invalid code")
        await self._redis.delete(attempts_key)
        rider = await self._riders.get_by_phone(phone)
        if rider is None:
            raise Unauthorized("unknown phone number")
        return issue_token(str(rider.id), "rider", self._settings.jwt_secret, self._settings.jwt_ttl_seconds)

    async def refresh(self, claims: dict[str, Any]) -> str:
        if claims.get("role") != "rider":
            raise Unauthorized("only rider tokens can be refreshed")
        rider = await self._riders.get(uuid.UUID(claims["sub"]))
        if rider is None or rider.status != RiderStatus.ACTIVE:
            raise Unauthorized("account not active")
        ttl = max(1, int(claims["exp"] - time.time()))
        await self._redis.set(f"revoked:{claims['sub']}:{claims['iat']}", "1", ex=ttl)
        return issue_token(str(rider.id), "rider", self._settings.jwt_secret, self._settings.jwt_ttl_seconds)

    async def crew_token(self, crew_id: str) -> str:
        return issue_token(crew_id, "crew", self._settings.jwt_secret, 3600 * 12)

    @staticmethod
    def rider_id(claims: dict[str, Any]) -> uuid.UUID:
        return uuid.UUID(claims["sub"])
