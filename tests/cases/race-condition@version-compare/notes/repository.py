"""SQL access to the notes table."""
import asyncpg


class NoteRepository:
    async def current_version(self, conn: asyncpg.Connection, note_id: int) -> int | None:
        return await conn.fetchval("SELECT version FROM notes WHERE id = $1", note_id)

    async def owner(self, conn: asyncpg.Connection, note_id: int) -> str | None:
        return await conn.fetchval("SELECT owner_id FROM notes WHERE id = $1", note_id)

    async def write_version(self, conn: asyncpg.Connection, note_id: int, version: int, body: str) -> None:
        await conn.execute("UPDATE notes SET version = $2, body = $3 WHERE id = $1", note_id, version, body)

    async def touch(self, conn: asyncpg.Connection, note_id: int) -> None:
        await conn.execute("UPDATE notes SET viewed_at = now() WHERE id = $1", note_id)

    async def retitle(self, conn: asyncpg.Connection, note_id: int, expected: int, title: str) -> int | None:
        return await conn.fetchval(
            "UPDATE notes SET title = $3, version = version + 1 WHERE id = $1 AND version = $2 RETURNING version",
            note_id, expected, title,
        )
