"""Screening, enrolment, randomisation and withdrawal of participants."""
from __future__ import annotations

import asyncio
import json
import logging
from datetime import UTC, datetime

import asyncpg
from redis.asyncio import Redis

from svc.clients.randomisation import Allocation, RandomisationClient
from svc.db.pool import Database
from svc.errors import Conflict, NotFound, UpstreamUnavailable
from svc.repositories.audit import AuditRepository
from svc.repositories.participants import ParticipantRepository, ParticipantRow

log = logging.getLogger(__name__)

PENDING_RANDOMISATION_KEY = "edc:randomisation:pending"


class EnrolmentService:
    def __init__(
        self,
        db: Database,
        participants: ParticipantRepository,
        audit: AuditRepository,
        randomisation: RandomisationClient,
        cache: Redis,
        locks: Redis,
    ) -> None:
        self._db = db
        self._participants = participants
        self._audit = audit
        self._rand = randomisation
        self._cache = cache
        self._locks = locks

    async def screen(self, study_id: int, site_id: int, screening_number: str, initials: str, actor_id: str) -> int:
        async with self._db.transaction() as conn:
            participant_id = await self._participants.create_screening(conn, study_id, site_id, screening_number, initials)
            if participant_id is None:
                raise Conflict(f"screening number {screening_number} already used in this study")
            await self._audit.record(conn, "participant", participant_id, "screened", actor_id, after={"site_id": site_id})
        return participant_id

    async def enrol(self, participant_id: int, actor_id: str) -> str:
        async with self._db.connection() as conn:
            participant = await self._require(conn, participant_id)
            if participant.status != "consented":
                raise Conflict(f"participant is {participant.status}; consent must be signed before enrolment")
            enrolled = await self._participants.count_enrolled(conn, participant.site_id)
            context = await self._participants.site_context(conn, participant.site_id)
            if enrolled >= context["enrolment_cap"]:
                raise Conflict("site has reached its enrolment cap")
            subject_number = await self._next_subject_number(context["protocol_code"], context["site_number"])
            await self._participants.mark_enrolled(conn, participant_id, subject_number)
            await self._audit.record(conn, "participant", participant_id, "enrolled", actor_id, after={"subject": subject_number})
        asyncio.create_task(self._announce(participant.study_id, participant.site_id, subject_number))
        return subject_number

    async def randomise(self, participant_id: int, strata: dict[str, str], actor_id: str) -> Allocation | None:
        async with self._db.connection() as conn:
            participant = await self._require(conn, participant_id)
            context = await self._participants.site_context(conn, participant.site_id)
        if participant.status != "enrolled" or participant.subject_number is None:
            raise Conflict("only enrolled participants can be randomised")
        try:
            allocation = await self._rand.randomise(
                context["protocol_code"], context["site_number"], participant.subject_number, strata
            )
        except UpstreamUnavailable:
            await self._defer_randomisation(participant_id, strata, actor_id)
            return None
        async with self._db.transaction() as conn:
            if not await self._participants.set_arm(conn, participant_id, allocation.arm):
                raise Conflict("participant was already randomised")
            await self._audit.record(conn, "participant", participant_id, "randomised", actor_id, after={"allocation": allocation.allocation_id})
        return allocation

    async def withdraw(self, participant_id: int, reason: str, actor_id: str) -> None:
        async with self._db.transaction() as conn:
            before = await self._require(conn, participant_id)
            await conn.execute("UPDATE participants SET status = 'withdrawn' WHERE id = $1", participant_id)
            self._audit.record(conn, "participant", participant_id, "withdrawn", actor_id, before={"status": before.status}, reason=reason)

    async def search(self, fragment: str) -> list[ParticipantRow]:
        async with self._db.connection() as conn:
            return await self._participants.search(conn, fragment)

    async def _require(self, conn: asyncpg.Connection, participant_id: int) -> ParticipantRow:
        participant = await self._participants.get(conn, participant_id)
        if participant is None:
            raise NotFound(f"participant {participant_id} not found")
        return participant

    async def _next_subject_number(self, protocol_code: str, site_number: str) -> str:
        seq = await self._locks.incr(f"edc:subject-seq:{protocol_code}:{site_number}")
        return f"{site_number}-{seq:04d}"

    async def _defer_randomisation(self, participant_id: int, strata: dict[str, str], actor_id: str) -> None:
        log.warning("randomisation deferred for participant %s", participant_id)
        entry = {"participant_id": participant_id, "strata": strata, "actor": actor_id, "at": datetime.now(UTC).isoformat()}
        await self._cache.rpush(PENDING_RANDOMISATION_KEY, json.dumps(entry))

    async def _announce(self, study_id: int, site_id: int, subject_number: str) -> None:
        event = {"type": "participant.enrolled", "site_id": site_id, "subject": subject_number}
        await self._cache.publish(f"edc:monitor:{study_id}", json.dumps(event))
