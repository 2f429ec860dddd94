from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.models import Transfer


class TransferRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, transfer_id: int) -> Transfer | None:
        return await self._session.get(Transfer, transfer_id)

    async def pending_for_domain(self, domain_name: str) -> Transfer | None:
        stmt = select(Transfer).where(Transfer.domain_name == domain_name, Transfer.status == "pending")
        return (await self._session.execute(stmt)).scalars().first()

    async def list_for_account(self, account_id: int) -> list[Transfer]:
        stmt = select(Transfer).where(Transfer.account_id == account_id).order_by(Transfer.id.desc())
        return list((await self._session.execute(stmt)).scalars())

    async def add(self, transfer: Transfer) -> Transfer:
        self._session.add(transfer)
        await self._session.flush()
        return transfer
