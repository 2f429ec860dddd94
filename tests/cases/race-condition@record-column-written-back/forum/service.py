import asyncpg

from forum.repo import ThreadRepo


class ReplyService:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn
        self._threads = ThreadRepo(conn)

    async def reply(self, thread_id: int) -> None:
        thread = await self._threads.get(thread_id)  # expect: race-condition
        await self._threads.set_reply_count(thread_id, thread["reply_count"] + 1)

    async def reply_counted_apart(self, thread_id: int) -> None:
        thread = await self._threads.get(thread_id)  # expect: race-condition
        count = thread["reply_count"] + 1
        await self._threads.set_reply_count(thread_id, count)

    async def reply_atomically(self, thread_id: int) -> None:
        await self._threads.bump_replies(thread_id)

    async def reply_locked(self, thread_id: int) -> None:
        async with self._conn.transaction():
            thread = await self._threads.get_locked(thread_id)
            await self._threads.set_reply_count(thread_id, thread["reply_count"] + 1)

    async def copy_count(self, thread_id: int, other_id: int) -> None:
        thread = await self._threads.get(thread_id)
        await self._threads.set_reply_count(thread_id, len(thread["title"]))
