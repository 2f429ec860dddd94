from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import KycTier, Recipient, Sender


class SenderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, sender_id: uuid.UUID) -> Sender | None:
        return await self._session.get(Sender, sender_id)

    async def by_email(self, email: str) -> Sender | None:
        result = await self._session.execute(select(Sender).where(Sender.email == email.lower()))
        return result.scalar_one_or_none()

    async def set_tier(self, sender_id: uuid.UUID, tier: KycTier) -> None:
        await self._session.execute(update(Sender).where(Sender.id == sender_id).values(kyc_tier=tier))

    async def set_pin_hash(self, sender_id: uuid.UUID, pin_hash: str) -> None:
        await self._session.execute(update(Sender).where(Sender.id == sender_id).values(pin_hash=pin_hash))


class RecipientRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, recipient_id: uuid.UUID) -> Recipient | None:
        return await self._session.get(Recipient, recipient_id)

    async def get_many(self, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Recipient]:
        wanted = list(set(ids))
        if not wanted:
            return {}
        result = await self._session.execute(select(Recipient).where(Recipient.id.in_(wanted)))
        return {r.id: r for r in result.scalars()}

    async def for_sender(self, sender_id: uuid.UUID) -> list[Recipient]:
        result = await self._session.execute(
            select(Recipient).where(Recipient.sender_id == sender_id).order_by(Recipient.full_name)
        )
        return list(result.scalars())

    async def add(self, recipient: Recipient) -> Recipient:
        self._session.add(recipient)
        await self._session.flush()
        return recipient
