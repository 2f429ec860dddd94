from __future__ import annotations

import asyncio
import contextlib
import logging

import redis.asyncio as aioredis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dispensary.db.models import StockLot
from dispensary.errors import Conflict
from dispensary.repositories.stock import StockRepository

logger = logging.getLogger(__name__)


class BranchLocks:
    """Per-branch asyncio locks serialising stock movements handled by this process."""

    def __init__(self) -> None:
        self._locks: dict[int, asyncio.Lock] = {}

    def for_branch(self, branch_id: int) -> asyncio.Lock:
        lock = self._locks.get(branch_id)
        if lock is None:
            lock = self._locks[branch_id] = asyncio.Lock()
        return lock


class StockService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        redis: aioredis.Redis,
        locks: BranchLocks,
    ) -> None:
        self._sessions = sessions
        self._redis = redis
        self._locks = locks

    async def availability(self, branch_id: int, drug_code: str) -> int:
        key = f"stock:available:{drug_code}"
        cached = await self._redis.get(key)
        if cached is not None:
            return int(cached)
        async with self._sessions() as session:
            quantity = await StockRepository(session).available_quantity(branch_id, drug_code)
        await self._redis.set(key, quantity, ex=60)
        return quantity

    async def decrement(self, branch_id: int, drug_code: str, quantity: int) -> int:
        """Take `quantity` units from the earliest-expiring lot that can cover it; returns the lot id."""
        async with self._locks.for_branch(branch_id):
            async with self._sessions() as session, session.begin():
                repo = StockRepository(session)
                for lot in await repo.lots_for(branch_id, drug_code):
                    if lot.quantity >= quantity and await repo.decrement_lot(lot.id, quantity):
                        await self._redis.delete(f"stock:available:{drug_code}")
                        return lot.id
        raise Conflict(f"insufficient stock of {drug_code} at branch {branch_id}")

    async def transfer(self, src_branch: int, dst_branch: int, drug_code: str, lot_no: str, quantity: int) -> None:
        async with self._locks.for_branch(src_branch):
            async with self._locks.for_branch(dst_branch):
                async with self._sessions() as session, session.begin():
                    source = await self._lot(session, src_branch, drug_code, lot_no)
                    if source is None:
                        raise Conflict(f"lot {lot_no} not found at branch {src_branch_id}")
                    repo = StockRepository(session)
                    if not await repo.decrement_lot(source.id, quantity):
                        raise Conflict(f"lot {lot_no} has fewer than {quantity} units")
                    target = await self._lot(session, dst_branch, drug_code, lot_no)
                    if target is None:
                        target = await repo.add(
                            StockLot(
                                branch_id=dst_branch,
                                drug_code=drug_code,
                                lot_no=lot_no,
                                expiry_date=source.expiry_date,
                                quantity=0,
                            )
                        )
                    await repo.increment_lot(target.id, quantity)
        logger.info("transferred %d x %s lot %s from %s to %s", quantity, drug_code, lot_no, src_branch, dst_branch)

    async def stocktake(self, branch_ids: list[int], counts: dict[tuple[int, str, str], int]) -> int:
        """Apply counted quantities; all affected branches are frozen for the duration."""
        adjusted = 0
        async with contextlib.AsyncExitStack() as stack:
            for branch_id in sorted(set(branch_ids)):
                await stack.enter_async_context(self._locks.for_branch(branch_id))
            async with self._sessions() as session, session.begin():
                for (branch_id, drug_code, lot_no), counted in counts.items():
                    lot = await self._lot(session, branch_id, drug_code, lot_no)
                    if lot is not None and lot.quantity != counted:
                        lot.quantity = counted
                        adjusted += 1
        return adjusted

    @staticmethod
    async def _lot(session: AsyncSession, branch_id: int, drug_code: str, lot_no: str) -> StockLot | None:
        result = await session.execute(
            select(StockLot)
            .where(StockLot.branch_id == branch_id, StockLot.drug_code == drug_code, StockLot.lot_no == lot_no)
            .with_for_update()
        )
        return result.scalar_one_or_none()
