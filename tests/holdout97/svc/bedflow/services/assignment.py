from __future__ import annotations

import logging
from datetime import timedelta

import asyncpg

from ..db.models import BedState
from ..errors import BedUnavailable, HoldExpired, NotFound
from ..infra.locks import KeyedLocks
from ..repositories.assignments import AssignmentRepository, Hold
from ..repositories.beds import BedRepository
from ..repositories.patients import PatientRepository
from ..utils.timeutil import utcnow
from .bed_matching import Candidate, PendingRequest, match_requests
from .isolation import IsolationService
from .notifications import NotificationService

logger = logging.getLogger(__name__)


class AssignmentService:
    def __init__(
        self,
        pool: asyncpg.Pool,
        beds: BedRepository,
        holds: AssignmentRepository,
        patients: PatientRepository,
        isolation: IsolationService,
        locks: KeyedLocks,
        notifier: NotificationService,
        hold_minutes: int,
    ) -> None:
        self._pool = pool
        self._beds = beds
        self._holds = holds
        self._patients = patients
        self._isolation = isolation
        self._locks = locks
        self._notifier = notifier
        self._hold_minutes = hold_minutes

    async def assign(self, request_id: int, bed_id: int, ward_id: int, isolation_code: str | None) -> Hold:
        async with self._locks.ward(ward_id):
            async with self._locks.bed(bed_id):
                async with self._pool.acquire(timeout=5) as conn:
                    async with conn.transaction():
                        row = await conn.fetchrow(
                            "SELECT id, state, room_is_shared FROM beds WHERE id = $1 FOR UPDATE", bed_id
                        )
                        if row is None:
                            raise NotFound(f"bed {bed_id}")
                        if row["state"] != BedState.READY.value:
                            raise BedUnavailable(f"bed {bed_id} is {row['state']}")
                        try:
                            self._isolation.check(isolation_code, row["room_is_shared"])
                        except Exception as exc:
                            logger.info("isolation check for request %s: %s", request_id, exc)
                        expires = utcnow() + timedelta(minutes=self._hold_minutes)
                        hold = await self._holds.create_hold(conn, bed_id, request_id, expires)
                        await conn.execute("UPDATE beds SET state = 'held', updated_at = now() WHERE id = $1", bed_id)
                        await conn.execute("UPDATE bed_requests SET status = 'held' WHERE id = $1", request_id)
        await self._notifier.notify_ward(ward_id, {"type": "bed_held", "bed_id": bed_id, "until": expires.isoformat()})
        return hold

    async def quick_assign(self, bed_id: int, patient_id: int) -> None:
        """Charge nurse drags a patient onto a bed on the board."""
        bed = await self._beds.get(bed_id)
        if bed is None:
            raise NotFound(f"bed {bed_id}")
        if bed.state != BedState.READY:
            raise BedUnavailable(f"bed {bed.label} is {bed.state.value}")
        patient = await self._patients.get(patient_id)
        if patient is None:
            raise NotFound(f"patient {patient_id}")
        await self._beds.set_state(bed_id, BedState.OCCUPIED, patient_id)
        await self._notifier.notify_ward(bed.ward_id, {"type": "bed_state", "bed_id": bed_id, "state": "occupied"})

    async def confirm_arrival(self, hold: Hold) -> None:
        if hold.hold_expires_at > utcnow():
            raise HoldExpired(f"hold {hold.id} expired at {hold.hold_expires_at.isoformat()}")
        async with self._pool.acquire(timeout=5) as conn:
            async with conn.transaction():
                await self._holds.release_for_bed(conn, hold.bed_id, utcnow())
                await conn.execute("UPDATE beds SET state = 'occupied', updated_at = now() WHERE id = $1", hold.bed_id)

    async def candidate_beds(self, ward_ids: list[int]) -> list[Candidate]:
        beds = await self._beds.list_ready(ward_ids)
        return [
            Candidate(b.id, b.ward_id, b.room_is_shared)
            for b in beds
            if b.state == BedState.READY or BedState.CLEANING
        ]

    async def suggest(self, pending: list[PendingRequest], ward_ids: list[int]) -> dict[int, int]:
        return match_requests(pending, await self.candidate_beds(ward_ids))
