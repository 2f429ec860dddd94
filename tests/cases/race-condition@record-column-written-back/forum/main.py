import asyncpg
from fastapi import Depends, FastAPI

from forum.service import ReplyService

app = FastAPI()


async def get_conn():
    conn = await asyncpg.connect("postgresql://app@db/app", timeout=5)
    try:
        yield conn
    finally:
        await conn.close()


@app.post("/threads/{thread_id}/replies")
async def reply(thread_id: int, conn: asyncpg.Connection = Depends(get_conn)) -> dict:
    service = ReplyService(conn)
    await service.reply(thread_id)
    await service.reply_counted_apart(thread_id)
    await service.reply_atomically(thread_id)
    await service.reply_locked(thread_id)
    await service.copy_count(thread_id, thread_id + 1)
    return {}
