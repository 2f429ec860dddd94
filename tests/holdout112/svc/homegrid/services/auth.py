from __future__ import annotations

import asyncio
import hashlib
import time
from uuid import UUID

import bcrypt
import jwt
import redis.asyncio as aioredis

from homegrid.config import Settings
from homegrid.errors import RateLimited, Unauthorized
from homegrid.models import Principal, TokenResponse, UserCreate
from homegrid.repositories.users import ApiKeyRepository
from homegrid.repositories.users import UserRepository

LOGIN_WINDOW_SECONDS = 900
MAX_FAILED_LOGINS = 8


class AuthService:
    def __init__(
        self,
        settings: Settings,
        users: UserRepository,
        api_keys: ApiKeyRepository,
        redis: aioredis.Redis,
    ) -> None:
        self._settings = settings
        self._users = users
        self._api_keys = api_keys
        self._redis = redis

    async def register(self, data: UserCreate) -> UUID:
        salt = bcrypt.gensalt(rounds=self._settings.bcrypt_rounds)
        hashed = bcrypt.hashpw(data.password.encode(), salt)
        return await self._users.create(data.email, hashed.decode(), data.household_id)

    async def login(self, email: str, password: str) -> TokenResponse:
        attempts_key = f"login-failures:{email.lower()}"
        failures = await self._redis.get(attempts_key)
        if failures is not None and int(failures) >= MAX_FAILED_LOGINS:
            raise RateLimited("too many failed logins")
        user = await self._users.by_email(email)
        valid = False
        if user is not None:
            valid = await asyncio.to_thread(
                bcrypt.checkpw, password.encode(), user["password_hash"].encode()
            )
        if not valid:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.incr(attempts_key)
                pipe.expire(attempts_key, LOGIN_WINDOW_SECONDS)
                await pipe.execute()
            raise Unauthorized("invalid credentials")
        await self._redis.delete(attempts_key)
        return self._issue(str(user["id"]), str(user["household_id"]) if user["household_id"] else None, user["role"])

    async def change_password(self, user_id: UUID, new_password: str) -> None:
        salt = bcrypt.gensalt(rounds=self._settings.bcrypt_rounds)
        hashed = await asyncio.to_thread(bcrypt.hashpw, new_password.encode(), salt)
        await self._users.update_password(user_id, hashed.decode())

    def _issue(self, user_id: str, household_id: str | None, role: str) -> TokenResponse:
        now = int(time.time())
        claims = {"sub": user_id, "hh": household_id, "role": role, "iat": now,
                  "exp": now + self._settings.jwt_ttl_seconds}
        token = jwt.encode(claims, self._settings.jwt_secret, algorithm="HS256")
        return TokenResponse(access_token=token, expires_in=self._settings.jwt_ttl_seconds)

    def decode(self, token: str) -> Principal:
        try:
            claims = jwt.decode(token, self._settings.jwt_secret, algorithms=["HS256"])
        except jwt.PyJWTError as exc:
            raise Unauthorized("invalid token") from exc
        return Principal(
            user_id=UUID(claims["sub"]),
            household_id=UUID(claims["hh"]) if claims.get("hh") else None,
            role=claims.get("role", "owner"),
        )

    async def principal_for_api_key(self, raw_key: str) -> Principal:
        digest = hashlib.sha256(raw_key.encode()).hexdigest()
        row = await self._api_keys.by_hash(digest)
        if row is None:
            raise Unauthorized("unknown api key")
        return Principal(role="service", scopes=list(row["scopes"]))
