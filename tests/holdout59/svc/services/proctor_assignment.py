"""Spreads live proctoring sessions across the proctors on duty for an exam."""
from __future__ import annotations

import logging

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Attempt, ProctorSession
from svc.ws.connections import ConnectionRegistry

logger = logging.getLogger(__name__)


class ProctorAssigner:
    def __init__(self, registry: ConnectionRegistry) -> None:
        self._registry = registry
        self._load: dict[int, int] = {}

    async def assign(self, session: AsyncSession, ps: ProctorSession, on_duty: list[int]) -> int:
        if not on_duty:
            raise LookupError("no proctor on duty")
        proctor_id = min(on_duty, key=lambda p: self._load.get(p, 0))
        current = self._load.get(proctor_id, 0)
        await session.execute(
            update(ProctorSession).where(ProctorSession.id == ps.id).values(proctor_id=proctor_id)
        )
        await session.commit()
        self._load[proctor_id] = current + 1
        return proctor_id

    def release(self, proctor_id: int) -> None:
        if self._load.get(proctor_id, 0) > 0:
            self._load[proctor_id] -= 1

    async def hand_over(self, session: AsyncSession, exam_id: int, from_proctor: int, to_proctor: int) -> int:
        """Move every session of a proctor going off duty to a colleague, and re-tag their candidates' rooms."""
        async with self._registry.proctor_lock:
            result = await session.execute(
                update(ProctorSession)
                .where(ProctorSession.proctor_id == from_proctor, ProctorSession.ended_at.is_(None))
                .values(proctor_id=to_proctor)
                .returning(ProctorSession.attempt_id)
            )
            moved = [row[0] for row in result.all()]
            await session.commit()
            async with self._registry.room_lock:
                for attempt_id in moved:
                    self._registry.candidate_rooms[attempt_id] = f"proctor-{to_proctor}"
        self._load[to_proctor] = self._load.get(to_proctor, 0) + len(moved)
        self._load.pop(from_proctor, None)
        logger.info("handed over %d sessions from %s to %s", len(moved), from_proctor, to_proctor)
        return len(moved)

    async def sessions_of(self, session: AsyncSession, proctor_id: int) -> list[int]:
        stmt = (
            select(ProctorSession.attempt_id)
            .join(Attempt, Attempt.id == ProctorSession.attempt_id)
            .where(ProctorSession.proctor_id == proctor_id, ProctorSession.ended_at.is_(None))
        )
        return list((await session.scalars(stmt)).all())
