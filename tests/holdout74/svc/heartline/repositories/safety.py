"""Blocks and reports."""
from __future__ import annotations

from sqlalchemy import delete, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..models.user import Block, Report


class SafetyRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def add_block(self, blocker_id: int, blocked_id: int) -> None:
        stmt = insert(Block).values(blocker_id=blocker_id, blocked_id=blocked_id).on_conflict_do_nothing(
            constraint="uq_blocks_pair"
        )
        async with self._sessions() as session, session.begin():
            await session.execute(stmt)

    async def remove_block(self, blocker_id: int, blocked_id: int) -> None:
        async with self._sessions() as session, session.begin():
            await session.execute(delete(Block).where(Block.blocker_id == blocker_id, Block.blocked_id == blocked_id))

    async def blocked_ids(self, user_id: int) -> set[int]:
        """Users hidden from user_id in either direction."""
        stmt = select(Block.blocker_id, Block.blocked_id).where(or_(Block.blocker_id == user_id, Block.blocked_id == user_id))
        async with self._sessions() as session:
            rows = (await session.execute(stmt)).all()
        return {blocked if blocker == user_id else blocker for blocker, blocked in rows}

    async def add_report(self, reporter_id: int, reported_id: int, reason: str, details: str) -> Report:
        report = Report(reporter_id=reporter_id, reported_id=reported_id, reason=reason, details=details)
        async with self._sessions() as session, session.begin():
            session.add(report)
        return report

    async def reports_against(self, user_id: int) -> list[Report]:
        stmt = select(Report).where(Report.reported_id == user_id).order_by(Report.created_at.desc())
        async with self._sessions() as session:
            return list(await session.scalars(stmt))
