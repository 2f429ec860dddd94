from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from glide.models import PaymentMethod, Wallet, WalletTransaction


class WalletRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def get_by_rider(self, rider_id: uuid.UUID) -> Wallet | None:
        result = await self._s.execute(select(Wallet).where(Wallet.rider_id == rider_id))
        return result.scalar_one_or_none()

    async def get_by_rider_for_update(self, rider_id: uuid.UUID) -> Wallet | None:
        result = await self._s.execute(
            select(Wallet).where(Wallet.rider_id == rider_id).with_for_update()
        )
        return result.scalar_one_or_none()

    async def by_riders(self, rider_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Wallet]:
        if not rider_ids:
            return {}
        result = await self._s.execute(select(Wallet).where(Wallet.rider_id.in_(rider_ids)))
        return {w.rider_id: w for w in result.scalars()}

    async def ensure(self, rider_id: uuid.UUID) -> None:
        await self._s.execute(
            insert(Wallet)
            .values(id=uuid.uuid4(), rider_id=rider_id, balance_cents=0)
            .on_conflict_do_nothing(index_elements=[Wallet.rider_id])
        )

    async def credit(self, wallet_id: uuid.UUID, amount_cents: int) -> int:
        result = await self._s.execute(
            update(Wallet)
            .where(Wallet.id == wallet_id)
            .values(balance_cents=Wallet.balance_cents + amount_cents)
            .returning(Wallet.balance_cents)
        )
        return int(result.scalar_one())

    async def debit_if_sufficient(self, wallet_id: uuid.UUID, amount_cents: int) -> int | None:
        result = await self._s.execute(
            update(Wallet)
            .where(Wallet.id == wallet_id, Wallet.balance_cents >= amount_cents)
            .values(balance_cents=Wallet.balance_cents - amount_cents)
            .returning(Wallet.balance_cents)
        )
        return result.scalar_one_or_none()

    async def add_transaction(
        self, wallet_id: uuid.UUID, amount_cents: int, kind: str, reference: str
    ) -> bool:
        result = await self._s.execute(
            insert(WalletTransaction)
            .values(
                id=uuid.uuid4(),
                wallet_id=wallet_id,
                amount_cents=amount_cents,
                kind=kind,
                reference=reference,
            )
            .on_conflict_do_nothing(constraint="uq_wallet_tx_reference")
            .returning(WalletTransaction.id)
        )
        return result.scalar_one_or_none() is not None

    async def recent_transactions(self, wallet_id: uuid.UUID, limit: int = 50) -> Sequence[WalletTransaction]:
        stmt = (
            select(WalletTransaction)
            .where(WalletTransaction.wallet_id == wallet_id)
            .order_by(WalletTransaction.created_at.desc())
            .limit(limit)
        )
        return (await self._s.execute(stmt)).scalars().all()

    async def default_method(self, rider_id: uuid.UUID) -> PaymentMethod | None:
        stmt = select(PaymentMethod).where(
            PaymentMethod.rider_id == rider_id, PaymentMethod.is_default.is_(True)
        )
        return (await self._s.execute(stmt)).scalar_one_or_none()

    async def add_method(self, method: PaymentMethod) -> None:
        self._s.add(method)
        await self._s.flush()
