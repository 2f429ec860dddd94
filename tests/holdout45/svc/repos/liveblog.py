from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import asyncpg


@dataclass(slots=True)
class LiveEntry:
    id: int
    blog_id: int
    author_id: int
    kind: str
    body: str
    pinned: bool
    created_at: datetime

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "blog_id": self.blog_id,
            "author_id": self.author_id,
            "kind": self.kind,
            "body": self.body,
            "pinned": self.pinned,
            "created_at": self.created_at.isoformat(),
        }


_ENTRY_COLUMNS = "id, blog_id, author_id, kind, body, pinned, created_at"


class LiveBlogRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def blog_for_article(self, article_id: int) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchrow(
                "SELECT id, tenant_id, article_id, is_open FROM live_blogs WHERE article_id = $1",
                article_id,
            )

    async def recent_entries(self, blog_id: int, limit: int = 30) -> list[LiveEntry]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(
                f"SELECT {_ENTRY_COLUMNS} FROM live_entries "
                "WHERE blog_id = $1 AND NOT deleted ORDER BY created_at DESC LIMIT $2",
                blog_id,
                limit,
            )
        return [LiveEntry(**dict(r)) for r in rows]

    async def add_entry(self, blog_id: int, author_id: int, kind: str, body: str) -> LiveEntry:
        conn = await self._pool.acquire(timeout=5)
        row = await conn.fetchrow(
            f"INSERT INTO live_entries (blog_id, author_id, kind, body) VALUES ($1, $2, $3, $4) "
            f"RETURNING {_ENTRY_COLUMNS}",
            blog_id,
            author_id,
            kind,
            body,
        )
        await self._pool.release(conn)
        return LiveEntry(**dict(row))

    async def set_pinned(self, entry_id: int, pinned: bool) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            async with conn.transaction():
                if pinned:
                    blog_id = await conn.fetchval("SELECT blog_id FROM live_entries WHERE id = $1", entry_id)
                    await conn.execute(
                        "UPDATE live_entries SET pinned = FALSE WHERE blog_id = $1 AND pinned", blog_id
                    )
                await conn.execute("UPDATE live_entries SET pinned = $2 WHERE id = $1", entry_id, pinned)

    async def soft_delete(self, entry_id: int) -> int | None:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchval(
                "UPDATE live_entries SET deleted = TRUE WHERE id = $1 RETURNING blog_id", entry_id
            )

    async def close_blog(self, blog_id: int) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute("UPDATE live_blogs SET is_open = FALSE WHERE id = $1", blog_id)
