"""Participants table."""
from dataclasses import dataclass

import asyncpg


@dataclass
class Participant:
    id: int
    reference: str
    envelope_id: str | None


class ParticipantRepository:
    async def get_by_id(self, conn: asyncpg.Connection, participant_id: int) -> Participant | None:
        row = await conn.fetchrow("SELECT id, reference, envelope_id FROM participants WHERE id = $1", participant_id)
        return Participant(**row) if row else None

    async def set_envelope(self, conn: asyncpg.Connection, participant_id: int, envelope_id: str) -> None:
        await conn.execute("UPDATE participants SET envelope_id = $2 WHERE id = $1", participant_id, envelope_id)
