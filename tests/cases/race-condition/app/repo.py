"""Data access with asyncpg and SQLAlchemy."""
import os

from sqlalchemy import select

from app.models import Tag


class Repository:
    def __init__(self, pool) -> None:
        self.pool = pool

    async def subscribe(self, user_id: int, topic: str) -> int:
        existing = await self.pool.fetchrow("SELECT id FROM subscriptions WHERE user_id = $1 AND topic = $2", user_id, topic)  # expect: race-condition
        if existing is not None:
            return existing["id"]
        return await self.pool.fetchval(
            "INSERT INTO subscriptions (user_id, topic) VALUES ($1, $2) RETURNING id", user_id, topic
        )

    async def subscribe_atomic(self, user_id: int, topic: str) -> int | None:
        existing = await self.pool.fetchrow("SELECT id FROM subscriptions WHERE user_id = $1 AND topic = $2", user_id, topic)
        if existing is not None:
            return existing["id"]
        return await self.pool.fetchval(
            "INSERT INTO subscriptions (user_id, topic) VALUES ($1, $2) "
            "ON CONFLICT (user_id, topic) DO NOTHING RETURNING id",
            user_id,
            topic,
        )

    async def debit(self, user_id: int, amount: int) -> None:
        async with self.pool.acquire() as conn:
            async with conn.transaction():
                row = await conn.fetchrow("SELECT balance FROM wallets WHERE user_id = $1 FOR UPDATE", user_id)
                if row["balance"] < amount:
                    raise ValueError("insufficient funds")
                await conn.execute("UPDATE wallets SET balance = balance - $2 WHERE user_id = $1", user_id, amount)


async def get_or_create_tag(session, name: str) -> Tag:
    existing = await session.scalar(select(Tag).where(Tag.name == name))  # expect: race-condition
    if existing is not None:
        return existing
    tag = Tag(name=name)
    session.add(Tag(name=name))
    await session.commit()
    return tag


async def prepare_export_dir(base: str) -> str:
    folder = os.path.join(base, "exports")
    if not os.path.exists(folder):  # expect: race-condition
        os.makedirs(folder)
    return folder


async def prepare_cache_dir(base: str) -> str:
    folder = os.path.join(base, "cache")
    os.makedirs(folder, exist_ok=True)
    return folder


async def read_manifest(path: str) -> str:
    if os.path.exists(path):
        with open(path) as handle:
            return handle.read()
    return ""
