"""SQL access to participants and sites."""
import asyncpg


class ParticipantRepository:
    async def count_enrolled(self, conn: asyncpg.Connection, site_id: int) -> int:
        return await conn.fetchval(
            "SELECT count(*) FROM participants WHERE site_id = $1 AND status IN ('enrolled', 'randomised')", site_id
        )

    async def cap(self, conn: asyncpg.Connection, site_id: int) -> int:
        return await conn.fetchval("SELECT enrolment_cap FROM sites WHERE id = $1", site_id)

    async def mark_enrolled(self, conn: asyncpg.Connection, participant_id: int) -> None:
        await conn.execute("UPDATE participants SET status = 'enrolled' WHERE id = $1", participant_id)

    async def touch(self, conn: asyncpg.Connection, participant_id: int) -> None:
        await conn.execute("UPDATE participants SET seen_at = now() WHERE id = $1", participant_id)
