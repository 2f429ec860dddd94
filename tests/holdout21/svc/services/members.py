"""Member accounts: sign-up, login, profile, waivers and check-ins."""
from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict, deque
from datetime import datetime, timezone
from typing import Any

import bcrypt
from starlette.concurrency import run_in_threadpool

from svc import storage
from svc.cache import JsonCache
from svc.clients.partners import push_member_update
from svc.config import Settings
from svc.errors import Conflict, NotFound, RateLimited, Unauthorized
from svc.repositories.members import MemberRepository

logger = logging.getLogger(__name__)


class LoginThrottle:
    """Sliding window of failed logins per email address."""

    def __init__(self, limit: int, window_seconds: float = 60.0) -> None:
        self._limit = limit
        self._window = window_seconds
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    def check(self, email: str) -> None:
        now = time.monotonic()
        window = self._failures[email]
        while window and now - window[0] > self._window:
            window.popleft()
        if len(window) >= self._limit:
            raise RateLimited("too many login attempts")

    def record_failure(self, email: str) -> None:
        self._failures[email].append(time.monotonic())


class MemberService:
    def __init__(self, settings: Settings, repo: MemberRepository, profile_cache: JsonCache) -> None:
        self._settings = settings
        self._repo = repo
        self._cache = profile_cache
        self._throttle = LoginThrottle(settings.login_attempts_per_minute)

    async def register(self, gym_id: int, email: str, first_name: str, last_name: str, password: str) -> int:
        password_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12))
        member_id = await self._repo.create(gym_id, email, first_name, last_name, password_hash)
        if member_id is None:
            raise Conflict("an account with this email already exists")
        return member_id

    async def authenticate(self, email: str, password: str) -> int:
        self._throttle.check(email)
        row = await self._repo.get_by_email(email)
        ok = row is not None and await asyncio.to_thread(bcrypt.checkpw, password.encode(), row["password_hash"])
        if not ok:
            self._throttle.record_failure(email)
            raise Unauthorized("invalid credentials")
        return row["id"]

    async def get_profile(self, member_id: int) -> dict[str, Any]:
        cached = await self._cache.get(member_id)
        if cached is not None:
            return cached
        row = await self._repo.get(member_id)
        if row is None:
            raise NotFound(f"member {member_id} not found")
        profile = dict(row)
        await self._cache.set(member_id, profile)
        return profile

    async def update_profile(self, member_id: int, fields: dict[str, Any]) -> dict[str, Any]:
        await self._repo.update_profile(member_id, fields)
        self._cache.invalidate(member_id)
        profile = await self.get_profile(member_id)
        await run_in_threadpool(push_member_update, self._settings.crm_base_url, profile)
        return profile

    async def store_waiver(self, member_id: int, pdf: bytes) -> str:
        await self._repo.get_or_404(member_id)
        digest = storage.save_waiver(self._settings.waiver_dir, member_id, pdf)
        logger.info("stored waiver for member %s sha256=%s", member_id, digest)
        return digest

    async def load_waiver(self, member_id: int) -> bytes:
        try:
            return await asyncio.to_thread(storage.read_waiver, self._settings.waiver_dir, member_id)
        except FileNotFoundError as exc:
            raise NotFound("no waiver on file") from exc

    async def check_in(self, member_id: int, gym_id: int) -> datetime:
        at = datetime.now(timezone.utc)
        await self._repo.record_check_in(member_id, gym_id, at)
        return at
