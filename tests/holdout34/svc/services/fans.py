"""Fan accounts: registration, login and token refresh."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from svc.db.repositories.fans import FanRepository
from svc.errors import AuthError, ConflictError
from svc.security import RefreshTokenStore, hash_password, issue_access_token, verify_password

logger = logging.getLogger(__name__)


class FanService:
    def __init__(self, fans: FanRepository, refresh_tokens: RefreshTokenStore) -> None:
        self._fans = fans
        self._refresh = refresh_tokens

    async def register(self, email: str, password: str, display_name: str) -> dict[str, Any]:
        if await self._fans.get_by_email(email) is not None:
            raise ConflictError("email already registered")
        password_hash = await asyncio.to_thread(hash_password, password)
        fan = await self._fans.create(email, password_hash, display_name)
        logger.info("fan %s registered", fan.id)
        return await self._tokens(fan.id)

    async def login(self, email: str, password: str) -> dict[str, Any]:
        fan = await self._fans.get_by_email(email)
        if fan is None or not verify_password(password, fan.password_hash):
            raise AuthError("invalid credentials")
        return await self._tokens(fan.id)

    async def refresh(self, refresh_token: str) -> dict[str, Any]:
        fan_id = await self._refresh.consume(refresh_token)
        return await self._tokens(fan_id)

    async def _tokens(self, fan_id: int) -> dict[str, Any]:
        return {
            "access_token": issue_access_token(fan_id),
            "refresh_token": await self._refresh.issue(fan_id),
            "token_type": "bearer",
        }
