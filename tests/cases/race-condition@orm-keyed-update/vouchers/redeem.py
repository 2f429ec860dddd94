"""Redeeming voucher codes."""
import uuid
from datetime import datetime, timezone

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from vouchers.models import Voucher


class AlreadyRedeemed(Exception):
    pass


class VoucherService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def redeem(self, code: str, customer_id: uuid.UUID) -> int:
        async with self._sessions() as session:
            voucher = await session.scalar(select(Voucher).where(Voucher.code == code))
            if voucher is None or voucher.redeemed_by is not None:  # expect: race-condition
                raise AlreadyRedeemed(code)
            await session.execute(
                update(Voucher)
                .where(Voucher.code == code)
                .values(redeemed_by=customer_id, redeemed_at=datetime.now(timezone.utc))
            )
            await session.commit()
            return voucher.credit_cents

    async def redeem_by_key(self, code: str, customer_id: uuid.UUID) -> int:
        async with self._sessions() as session:
            voucher = await session.get(Voucher, code)
            if voucher is None or voucher.redeemed_by is not None:  # expect: race-condition
                raise AlreadyRedeemed(code)
            await session.execute(update(Voucher).where(Voucher.code == code).values(redeemed_by=customer_id))
            await session.commit()
            return voucher.credit_cents

    async def redeem_conditionally(self, code: str, customer_id: uuid.UUID) -> int:
        async with self._sessions() as session:
            voucher = await session.scalar(select(Voucher).where(Voucher.code == code))
            if voucher is None or voucher.redeemed_by is not None:
                raise AlreadyRedeemed(code)
            result = await session.execute(
                update(Voucher)
                .where(Voucher.code == code, Voucher.redeemed_by.is_(None))
                .values(redeemed_by=customer_id)
            )
            if result.rowcount == 0:
                raise AlreadyRedeemed(code)
            await session.commit()
            return voucher.credit_cents

    async def redeem_locked(self, code: str, customer_id: uuid.UUID) -> int:
        async with self._sessions.begin() as session:
            voucher = await session.scalar(select(Voucher).where(Voucher.code == code).with_for_update())
            if voucher is None or voucher.redeemed_by is not None:
                raise AlreadyRedeemed(code)
            await session.execute(update(Voucher).where(Voucher.code == code).values(redeemed_by=customer_id))
            return voucher.credit_cents

    async def view(self, code: str) -> int:
        async with self._sessions() as session:
            voucher = await session.scalar(select(Voucher).where(Voucher.code == code))
            if voucher is None or voucher.redeemed_by is not None:
                raise AlreadyRedeemed(code)
            await session.execute(
                update(Voucher).where(Voucher.code == code).values(last_viewed_at=datetime.now(timezone.utc))
            )
            await session.commit()
            return voucher.credit_cents

    async def transfer(self, code: str, other_code: str, customer_id: uuid.UUID) -> None:
        async with self._sessions() as session:
            voucher = await session.scalar(select(Voucher).where(Voucher.code == code))
            if voucher is None or voucher.redeemed_by is not None:
                raise AlreadyRedeemed(code)
            await session.execute(
                update(Voucher).where(Voucher.code == other_code).values(redeemed_by=customer_id)
            )
            await session.commit()
