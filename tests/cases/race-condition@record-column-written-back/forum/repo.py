import asyncpg

_COLUMNS = "id, title, reply_count, status"


class ThreadRepo:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def get(self, thread_id: int) -> asyncpg.Record:
        return await self._conn.fetchrow(f"SELECT {_COLUMNS} FROM threads WHERE id = $1", thread_id)

    async def get_locked(self, thread_id: int) -> asyncpg.Record:
        return await self._conn.fetchrow(f"SELECT {_COLUMNS} FROM threads WHERE id = $1 FOR UPDATE", thread_id)

    async def set_reply_count(self, thread_id: int, count: int) -> None:
        await self._conn.execute("UPDATE threads SET reply_count = $2 WHERE id = $1", thread_id, count)

    async def bump_replies(self, thread_id: int) -> None:
        await self._conn.execute("UPDATE threads SET reply_count = reply_count + 1 WHERE id = $1", thread_id)
