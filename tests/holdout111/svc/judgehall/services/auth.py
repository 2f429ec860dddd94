from __future__ import annotations

import asyncio
import logging
import re
import time
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from judgehall.errors import Conflict, Forbidden, RateLimited, ValidationFailed
from judgehall.models import User
from judgehall.repositories.users import UserRepository
from judgehall.security import Principal, hash_password, issue_token, verify_password
from judgehall.settings import Settings

log = logging.getLogger(__name__)

HANDLE_RE = re.compile(r"^[A-Za-z0-9_.-]{3,32}$")


class LoginThrottle:
    """Locks a handle out for a while after repeated failed logins."""

    def __init__(self, max_failures: int = 8, lockout_seconds: float = 600.0) -> None:
        self.max_failures = max_failures
        self.lockout = lockout_seconds
        self._failures: dict[str, list[float]] = {}

    def check(self, handle: str) -> None:
        recent = [t for t in self._failures.get(handle, []) if time.monotonic() - t < self.lockout]
        if len(recent) >= self.max_failures:
            raise RateLimited("too many failed logins, try again later")

    def record_failure(self, handle: str) -> None:
        self._failures.setdefault(handle, []).append(time.monotonic())

    def reset(self, handle: str) -> None:
        self._failures.pop(handle, None)


@dataclass(slots=True)
class RegisterInput:
    handle: str
    email: str
    password: str
    display_name: str | None = None
    country: str | None = None


class AuthService:
    def __init__(self, users: UserRepository, settings: Settings, throttle: LoginThrottle) -> None:
        self.users = users
        self.settings = settings
        self.throttle = throttle

    async def register(self, data: RegisterInput) -> User:
        if not HANDLE_RE.match(data.handle):
            raise ValidationFailed("handle must be 3-32 characters of letters, digits, _ . -")
        if len(data.password) < 10:
            raise ValidationFailed("password too short")
        user = User(
            handle=data.handle,
            email=data.email.lower(),
            password_hash=hash_password(data.password),
            display_name=data.display_name,
            country=data.country,
        )
        try:
            await self.users.add(user)
        except IntegrityError as exc:
            raise Conflict("handle or email already registered") from exc
        log.info("registered user %s", user.handle)
        return user

    async def login(self, handle: str, password: str) -> str:
        self.throttle.check(handle.lower())
        user = await self.users.get_by_handle(handle)
        if user is None or not user.is_active:
            self.throttle.record_failure(handle.lower())
            raise Forbidden("invalid credentials")
        ok = await asyncio.to_thread(verify_password, password, user.password_hash)
        if not ok:
            self.throttle.record_failure(handle.lower())
            raise Forbidden("invalid credentials")
        self.throttle.reset(handle.lower())
        principal = Principal(user.id, user.handle, is_admin=user.is_admin, is_jury=user.is_jury)
        return issue_token(principal, self.settings.jwt_secret, self.settings.jwt_ttl_seconds)

    async def change_password(self, user_id: int, old: str, new: str) -> None:
        user = await self.users.get(user_id)
        if user is None:
            raise Forbidden("unknown user")
        if not await asyncio.to_thread(verify_password, old, user.password_hash):
            raise Forbidden("invalid credentials")
        if len(new) < 10:
            raise ValidationFailed("password too short")
        user.password_hash = await asyncio.to_thread(hash_password, new)
