"""Enrolment against a per-site cap."""
import asyncpg

from .repository import ParticipantRepository


class CapReached(Exception):
    pass


class EnrolmentService:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self._repo = ParticipantRepository()

    async def enrol(self, participant_id: int, site_id: int) -> None:
        async with self._pool.acquire() as conn:
            enrolled = await self._repo.count_enrolled(conn, site_id)
            if enrolled >= await self._repo.cap(conn, site_id):  # expect: race-condition
                raise CapReached(site_id)
            await self._repo.mark_enrolled(conn, participant_id)

    async def visit(self, participant_id: int, site_id: int) -> None:
        async with self._pool.acquire() as conn:
            enrolled = await self._repo.count_enrolled(conn, site_id)
            if enrolled == 0:
                raise LookupError(site_id)
            await self._repo.touch(conn, participant_id)

    async def enrol_locked(self, participant_id: int, site_id: int) -> None:
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute("SELECT id FROM sites WHERE id = $1 FOR UPDATE", site_id)
            enrolled = await self._repo.count_enrolled(conn, site_id)
            if enrolled >= await self._repo.cap(conn, site_id):
                raise CapReached(site_id)
            await self._repo.mark_enrolled(conn, participant_id)
