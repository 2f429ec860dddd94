"""Creator accounts and API keys."""
from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from podhost.config import Settings
from podhost.db.models import Creator
from podhost.utils.hashing import api_key_lookup_digest, hash_api_key


class CreatorService:
    def __init__(self, session: AsyncSession, settings: Settings) -> None:
        self._session = session
        self._settings = settings

    async def register(self, email: str, display_name: str) -> tuple[Creator, str]:
        raw_key = "pk_" + secrets.token_urlsafe(32)
        lookup = api_key_lookup_digest(raw_key)
        hashed = hash_api_key(raw_key, self._settings.api_key_pepper)
        creator = Creator(email=email.lower(), display_name=display_name, api_key_hash=f"{lookup}${hashed}")
        self._session.add(creator)
        await self._session.commit()
        return creator, raw_key

    async def by_email(self, email: str) -> Creator | None:
        result = await self._session.execute(select(Creator).where(Creator.email == email.lower()))
        return result.scalar_one_or_none()

    async def set_payout_account(self, creator_id: int, account: str) -> None:
        creator = await self._session.get(Creator, creator_id)
        if creator is None:
            raise LookupError(creator_id)
        creator.payout_account = account
        await self._session.commit()
