from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import FlagSeverity, ProctorEvent, ProctorSession, Snapshot


class ProctoringRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def session_for_attempt(self, attempt_id: int) -> ProctorSession | None:
        stmt = select(ProctorSession).where(ProctorSession.attempt_id == attempt_id)
        return await self._session.scalar(stmt)

    async def open_session(self, attempt_id: int) -> ProctorSession:
        ps = ProctorSession(attempt_id=attempt_id)
        self._session.add(ps)
        await self._session.flush()
        return ps

    async def active_sessions(self, exam_id: int) -> Sequence[ProctorSession]:
        from svc.db.models import Attempt

        stmt = (
            select(ProctorSession)
            .join(Attempt, Attempt.id == ProctorSession.attempt_id)
            .where(Attempt.exam_id == exam_id, ProctorSession.ended_at.is_(None))
        )
        return (await self._session.scalars(stmt)).all()

    async def add_event(self, event: ProctorEvent) -> ProctorEvent:
        self._session.add(event)
        await self._session.flush()
        return event

    async def events_for_attempt(self, attempt_id: int) -> Sequence[ProctorEvent]:
        stmt = select(ProctorEvent).where(ProctorEvent.attempt_id == attempt_id)
        return (await self._session.scalars(stmt)).all()

    async def events_for_session(self, session_id: int, since: datetime | None = None) -> Sequence[ProctorEvent]:
        stmt = select(ProctorEvent).where(ProctorEvent.session_id == session_id)
        if since is not None:
            stmt = stmt.where(ProctorEvent.created_at > since)
        return (await self._session.scalars(stmt.order_by(ProctorEvent.created_at))).all()

    async def count_flags(self, session_id: int) -> int:
        stmt = select(func.count()).where(
            ProctorEvent.session_id == session_id, ProctorEvent.severity != FlagSeverity.INFO
        )
        return int(await self._session.scalar(stmt) or 0)

    async def flag_counts(self, session_ids: Sequence[int]) -> dict[int, int]:
        if not session_ids:
            return {}
        stmt = (
            select(ProctorEvent.session_id, func.count())
            .where(ProctorEvent.session_id.in_(session_ids), ProctorEvent.severity != FlagSeverity.INFO)
            .group_by(ProctorEvent.session_id)
        )
        return {sid: n for sid, n in (await self._session.execute(stmt)).all()}

    async def add_snapshot(self, snapshot: Snapshot) -> None:
        self._session.add(snapshot)
        await self._session.flush()

    async def latest_snapshots(self, session_id: int, limit: int = 12) -> Sequence[Snapshot]:
        stmt = (
            select(Snapshot)
            .where(Snapshot.session_id == session_id)
            .order_by(Snapshot.taken_at.desc())
            .limit(limit)
        )
        return (await self._session.scalars(stmt)).all()
