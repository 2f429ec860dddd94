from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import bcrypt
import jwt
import structlog

from payflow.errors import Forbidden, RateLimited
from payflow.models import User
from payflow.repositories.people_repo import CompanyRepository
from payflow.settings import get_settings
from payflow.utils.common import utcnow

log = structlog.get_logger(__name__)


def issue_token(user_id: int, company_id: int, role: str) -> str:
    settings = get_settings()
    now = utcnow()
    payload = {
        "sub": str(user_id),
        "cid": company_id,
        "role": role,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=settings.access_token_minutes)).timestamp()),
    }
    return jwt.encode(payload, settings.jwt_secret, algorithm=settings.jwt_algorithm)


def decode_token(token: str) -> dict:
    settings = get_settings()
    return jwt.decode(token, settings.jwt_secret, algorithms=[settings.jwt_algorithm])


class LoginThrottle:
    """Locks an account out for a while after repeated failed logins."""

    def __init__(self, max_failures: int = 5, window_seconds: float = 900.0) -> None:
        self.max_failures = max_failures
        self.window_seconds = window_seconds
        self._failures: dict[str, list[float]] = {}

    def check(self, email: str) -> None:
        now = time.monotonic()
        recent = [t for t in self._failures.get(email, []) if now - t < self.window_seconds]
        self._failures[email] = recent
        if len(recent) >= self.max_failures:
            raise RateLimited("too many failed logins, try again later")

    def failed(self, email: str) -> None:
        self._failures.setdefault(email, []).append(time.monotonic())

    def succeeded(self, email: str) -> None:
        self._failures.pop(email, None)


class AuthService:
    def __init__(self, companies: CompanyRepository, throttle: LoginThrottle) -> None:
        self.companies = companies
        self.throttle = throttle
        self.rounds = get_settings().password_hash_rounds

    async def login(self, email: str, password: str) -> str:
        email = email.lower()
        self.throttle.check(email)
        user = await self.companies.user_by_email(email)
        if user is None or not user.active:
            self.throttle.failed(email)
            raise Forbidden("invalid credentials")
        valid = bcrypt.checkpw(password.encode(), user.password_hash.encode())
        if not valid:
            self.throttle.failed(email)
            log.info("login_failed", user_id=user.id)
            raise Forbidden("invalid credentials")
        self.throttle.succeeded(email)
        return issue_token(user.id, user.company_id, user.role)

    async def set_password(self, user: User, password: str) -> None:
        salt = bcrypt.gensalt(rounds=self.rounds)
        hashed = await asyncio.to_thread(bcrypt.hashpw, password.encode(), salt)
        user.password_hash = hashed.decode()
