from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from stacks.db.models import TransferRequest


class TransferRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def find_open(self, holding_id: int) -> TransferRequest | None:
        stmt = select(TransferRequest).where(
            TransferRequest.holding_id == holding_id, TransferRequest.status.in_(("requested", "on_van"))
        )
        return await self._session.scalar(stmt)

    async def create(self, transfer: TransferRequest) -> TransferRequest:
        self._session.add(transfer)
        await self._session.flush()
        return transfer

    async def pending_from(self, branch_id: int) -> list[TransferRequest]:
        stmt = select(TransferRequest).where(
            TransferRequest.status == "requested", TransferRequest.from_branch_id == branch_id
        )
        return list(await self._session.scalars(stmt))

    async def assign_run(self, transfer_ids: list[int], run_id: str) -> None:
        await self._session.execute(
            update(TransferRequest)
            .where(TransferRequest.id.in_(transfer_ids))
            .values(status="on_van", van_run=run_id)
        )
