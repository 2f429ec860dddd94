from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Transfer, TransferStatus


class TransferRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, transfer_id: uuid.UUID) -> Transfer | None:
        return await self._session.get(Transfer, transfer_id)

    async def get_for_update(self, transfer_id: uuid.UUID) -> Transfer | None:
        result = await self._session.execute(
            select(Transfer).where(Transfer.id == transfer_id).with_for_update()
        )
        return result.scalar_one_or_none()

    async def add(self, transfer: Transfer) -> Transfer:
        self._session.add(transfer)
        await self._session.flush()
        return transfer

    async def list_for_sender(
        self, sender_id: uuid.UUID, before: datetime | None = None, limit: int = 20
    ) -> list[Transfer]:
        stmt = select(Transfer).where(Transfer.sender_id == sender_id)
        if before is not None:
            stmt = stmt.where(Transfer.created_at < before)
        stmt = stmt.order_by(Transfer.created_at.desc()).limit(limit)
        result = await self._session.execute(stmt)
        return list(result.scalars())

    async def search(self, sender_id: uuid.UUID, term: str, limit: int = 50) -> list[Transfer]:
        stmt = (
            select(Transfer)
            .where(Transfer.recipient_name.ilike(f"%{term}%"))
            .where(Transfer.sender_id == sender_id)
            .order_by(Transfer.created_at.desc())
            .limit(limit)
        )
        result = await self._session.execute(stmt)
        return list(result.scalars())

    async def by_partner_reference(self, partner_reference: str) -> Transfer | None:
        result = await self._session.execute(
            select(Transfer).where(Transfer.partner_reference == partner_reference)
        )
        return result.scalar_one_or_none()

    async def by_payment_intent(self, payment_intent_id: str) -> Transfer | None:
        result = await self._session.execute(
            select(Transfer).where(Transfer.payment_intent_id == payment_intent_id)
        )
        return result.scalar_one_or_none()

    async def pending_payouts(self, limit: int = 200) -> list[Transfer]:
        result = await self._session.execute(
            select(Transfer)
            .where(Transfer.status == TransferStatus.PAYOUT_PENDING)
            .order_by(Transfer.updated_at)
            .limit(limit)
        )
        return list(result.scalars())

    async def claim_funded(self, limit: int = 25) -> list[Transfer]:
        result = await self._session.execute(
            select(Transfer)
            .where(Transfer.status == TransferStatus.FUNDED)
            .order_by(Transfer.updated_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list(result.scalars())

    async def set_status(self, transfer_id: uuid.UUID, status: TransferStatus, **extra: object) -> None:
        await self._session.execute(
            update(Transfer).where(Transfer.id == transfer_id).values(status=status, **extra)
        )

    async def for_business_day(self, start: datetime, end: datetime) -> list[Transfer]:
        result = await self._session.execute(
            select(Transfer)
            .where(Transfer.created_at >= start, Transfer.created_at < end)
            .order_by(Transfer.created_at)
        )
        return list(result.scalars())
