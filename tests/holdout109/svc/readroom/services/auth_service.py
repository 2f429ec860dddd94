from __future__ import annotations

import asyncio
import logging
import time

import bcrypt
from sqlalchemy.ext.asyncio import AsyncSession

from readroom.errors import RateLimited, Unauthorized
from readroom.models import User
from readroom.repositories.users import UserRepository
from readroom.settings import get_settings
from readroom.utils.security import issue_token

log = logging.getLogger(__name__)

MAX_FAILURES = 5
LOCKOUT_SECONDS = 900

_failed_logins: dict[str, list[float]] = {}


def _recent_failures(username: str) -> list[float]:
    cutoff = time.time() - LOCKOUT_SECONDS
    attempts = [t for t in _failed_logins.get(username, []) if t > cutoff]
    _failed_logins[username] = attempts
    return attempts


class AuthService:
    def __init__(self, session: AsyncSession) -> None:
        self.users = UserRepository(session)
        self.session = session
        self.settings = get_settings()

    async def login(self, username: str, password: str) -> dict:
        if len(_recent_failures(username)) >= MAX_FAILURES:
            raise RateLimited("account temporarily locked")
        user = await self.users.by_username(username)
        if user is None or not user.active:
            _failed_logins.setdefault(username, []).append(time.time())
            raise Unauthorized("invalid credentials")
        if not bcrypt.checkpw(password.encode(), user.password_hash.encode()):
            _failed_logins.setdefault(username, []).append(time.time())
            raise Unauthorized("invalid credentials")
        _failed_logins.pop(username, None)
        return {"access_token": issue_token(user.id, user.role), "token_type": "bearer", "user_id": user.id}

    async def set_password(self, user: User, new_password: str) -> None:
        rounds = self.settings.password_bcrypt_rounds
        hashed = await asyncio.to_thread(bcrypt.hashpw, new_password.encode(), bcrypt.gensalt(rounds))
        user.password_hash = hashed.decode()
        await self.session.commit()
