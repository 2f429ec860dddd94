from __future__ import annotations

import asyncio
from collections import OrderedDict

from ..core.errors import Conflict, Forbidden
from ..core.security import hash_password, verify_password
from ..models import User
from ..repositories.users import UserRepository


class _BoundedLRU:
    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._data: OrderedDict[int, str] = OrderedDict()

    def get(self, key: int) -> str | None:
        value = self._data.get(key)
        if value is not None:
            self._data.move_to_end(key)
        return value

    def put(self, key: int, value: str) -> None:
        self._data[key] = value
        self._data.move_to_end(key)
        while len(self._data) > self.maxsize:
            self._data.popitem(last=False)


_NAME_CACHE = _BoundedLRU(maxsize=10_000)


class UserService:
    def __init__(self, repo: UserRepository) -> None:
        self.repo = repo

    async def register(self, email: str, password: str, display_name: str, institution: str | None) -> User:
        if len(password) < 10:
            raise Conflict("password too short")
        if await self.repo.get_by_email(email) is not None:
            raise Conflict("email already registered")
        user = User(
            email=email.strip().lower(),
            display_name=display_name.strip(),
            institution=institution,
            password_hash=hash_password(password),
            role="author",
        )
        await self.repo.add(user)
        await self.repo.session.commit()
        return user

    async def authenticate(self, email: str, password: str) -> User:
        user = await self.repo.get_by_exact_email(email.strip().lower())
        if user is None:
            raise Forbidden("invalid credentials")
        ok = await asyncio.to_thread(verify_password, password, user.password_hash)
        if not ok:
            raise Forbidden("invalid credentials")
        return user

    async def display_name(self, user_id: int) -> str:
        cached = _NAME_CACHE.get(user_id)
        if cached is not None:
            return cached
        user = await self.repo.get(user_id)
        name = user.display_name if user else f"user-{user_id}"
        _NAME_CACHE.put(user_id, name)
        return name

    async def display_names(self, user_ids: list[int]) -> dict[int, str]:
        missing = [uid for uid in set(user_ids) if _NAME_CACHE.get(uid) is None]
        if missing:
            for user in await self.repo.by_ids(missing):
                _NAME_CACHE.put(user.id, user.display_name)
        return {uid: _NAME_CACHE.get(uid) or f"user-{uid}" for uid in user_ids}
