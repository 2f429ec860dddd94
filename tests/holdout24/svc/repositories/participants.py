"""Participant and site persistence (raw SQL over asyncpg)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import asyncpg


@dataclass(frozen=True, slots=True)
class ParticipantRow:
    id: int
    study_id: int
    site_id: int
    screening_number: str
    subject_number: str | None
    initials: str
    status: str
    randomised_arm: str | None
    consent_envelope_id: str | None
    enrolled_at: datetime | None

    @classmethod
    def from_record(cls, r: asyncpg.Record) -> ParticipantRow:
        return cls(**dict(r))


_COLUMNS = (
    "id, study_id, site_id, screening_number, subject_number, initials, status,"
    " randomised_arm, consent_envelope_id, enrolled_at"
)


class ParticipantRepository:
    async def get(self, conn: asyncpg.Connection, participant_id: int) -> ParticipantRow | None:
        row = await conn.fetchrow(f"SELECT {_COLUMNS} FROM participants WHERE id = $1", participant_id)
        return ParticipantRow.from_record(row) if row else None

    async def get_many(self, conn: asyncpg.Connection, ids: list[int]) -> list[ParticipantRow]:
        rows = await conn.fetch(f"SELECT {_COLUMNS} FROM participants WHERE id = ANY($1::bigint[])", ids)
        return [ParticipantRow.from_record(r) for r in rows]

    async def create_screening(
        self, conn: asyncpg.Connection, study_id: int, site_id: int, screening_number: str, initials: str
    ) -> int | None:
        return await conn.fetchval(
            "INSERT INTO participants (study_id, site_id, screening_number, initials, status) VALUES ($1, $2, $3, $4, 'screening') ON CONFLICT (study_id, screening_number) DO NOTHING RETURNING id",
            study_id, site_id, screening_number, initials,
        )

    async def site_context(self, conn: asyncpg.Connection, site_id: int) -> asyncpg.Record:
        return await conn.fetchrow(
            "SELECT s.site_number, s.enrolment_cap, st.protocol_code FROM sites s JOIN studies st ON st.id = s.study_id WHERE s.id = $1",
            site_id,
        )

    async def count_enrolled(self, conn: asyncpg.Connection, site_id: int) -> int:
        return await conn.fetchval(
            "SELECT count(*) FROM participants WHERE site_id = $1 AND status IN ('enrolled', 'randomised')",
            site_id,
        )

    async def enrolment_cap(self, conn: asyncpg.Connection, site_id: int) -> int:
        return await conn.fetchval("SELECT enrolment_cap FROM sites WHERE id = $1", site_id)

    async def mark_enrolled(self, conn: asyncpg.Connection, participant_id: int, subject_number: str) -> None:
        await conn.execute(
            "UPDATE participants SET status = 'enrolled', subject_number = $2, enrolled_at = now() WHERE id = $1",
            participant_id, subject_number,
        )

    async def set_arm(self, conn: asyncpg.Connection, participant_id: int, arm: str) -> bool:
        updated = await conn.fetchval(
            "UPDATE participants SET randomised_arm = $2, status = 'randomised' WHERE id = $1 AND randomised_arm IS NULL RETURNING id",
            participant_id, arm,
        )
        return updated is not None

    async def find_by_screening_number(self, conn: asyncpg.Connection, study_id: int, screening_number: str) -> ParticipantRow | None:
        row = await conn.fetchrow(
            f"SELECT {_COLUMNS} FROM participants WHERE study_id = $1 AND screening_number = $2",
            study_id, screening_number,
        )
        return ParticipantRow.from_record(row) if row else None

    async def search(self, conn: asyncpg.Connection, fragment: str) -> list[ParticipantRow]:
        """Free-text lookup used by monitors working across all studies they oversee."""
        rows = await conn.fetch(
            f"SELECT {_COLUMNS} FROM participants WHERE screening_number ILIKE '%' || $1 || '%' ORDER BY id LIMIT 50",
            fragment,
        )
        return [ParticipantRow.from_record(r) for r in rows]

    async def list_for_site(self, conn: asyncpg.Connection, site_id: int, after_id: int, limit: int) -> list[ParticipantRow]:
        rows = await conn.fetch(
            f"SELECT {_COLUMNS} FROM participants WHERE site_id = $1 AND id > $2 ORDER BY id LIMIT $3",
            site_id, after_id, limit,
        )
        return [ParticipantRow.from_record(r) for r in rows]

    async def ids_for_study(self, conn: asyncpg.Connection, study_id: int) -> list[int]:
        rows = await conn.fetch("SELECT id FROM participants WHERE study_id = $1 ORDER BY id", study_id)
        return [r["id"] for r in rows]

    async def pending_consent(self, conn: asyncpg.Connection, site_id: int) -> list[ParticipantRow]:
        rows = await conn.fetch(
            f"SELECT {_COLUMNS} FROM participants WHERE site_id = $1 AND status = 'screening' AND consent_envelope_id IS NOT NULL",
            site_id,
        )
        return [ParticipantRow.from_record(r) for r in rows]
