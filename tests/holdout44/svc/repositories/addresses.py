from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import DepositAddress


class AddressRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, address_id: int) -> DepositAddress | None:
        return await self.session.get(DepositAddress, address_id)

    async def by_address(self, chain: str, address: str) -> DepositAddress | None:
        stmt = select(DepositAddress).where(DepositAddress.chain == chain, DepositAddress.address == address)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def list_for_customer(self, customer_id: int, limit: int = 100) -> list[DepositAddress]:
        stmt = (
            select(DepositAddress)
            .where(DepositAddress.customer_id == customer_id)
            .order_by(DepositAddress.id.desc())
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def next_unassigned(self, chain: str) -> DepositAddress | None:
        stmt = (
            select(DepositAddress)
            .where(DepositAddress.chain == chain, DepositAddress.customer_id.is_(None))
            .order_by(DepositAddress.derivation_index)
            .limit(1)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def claim_unassigned(self, chain: str, customer_id: int, label: str | None) -> DepositAddress | None:
        stmt = (
            select(DepositAddress)
            .where(DepositAddress.chain == chain, DepositAddress.customer_id.is_(None))
            .order_by(DepositAddress.derivation_index)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        row = (await self.session.execute(stmt)).scalar_one_or_none()
        if row is not None:
            row.customer_id = customer_id
            row.label = label
            row.assigned_at = datetime.now(timezone.utc)
        return row

    async def assign(self, address_id: int, customer_id: int, label: str | None) -> None:
        await self.session.execute(
            update(DepositAddress)
            .where(DepositAddress.id == address_id)
            .values(customer_id=customer_id, label=label, assigned_at=datetime.now(timezone.utc))
        )

    async def search_label(self, text: str) -> list[DepositAddress]:
        stmt = select(DepositAddress).where(func.lower(DepositAddress.label).like(f"%{text.lower()}%"))
        return list((await self.session.execute(stmt)).scalars())

    async def max_index(self, chain: str) -> int:
        stmt = select(func.max(DepositAddress.derivation_index)).where(DepositAddress.chain == chain)
        return (await self.session.execute(stmt)).scalar() or 0

    async def add_many(self, rows: list[DepositAddress]) -> None:
        self.session.add_all(rows)
        await self.session.flush()

    async def all_watched(self, chain: str) -> list[tuple[str, int, int]]:
        stmt = select(DepositAddress.address, DepositAddress.id, DepositAddress.customer_id).where(
            DepositAddress.chain == chain, DepositAddress.customer_id.is_not(None)
        )
        return [tuple(row) for row in (await self.session.execute(stmt)).all()]
