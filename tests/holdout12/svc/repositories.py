"""Raw-SQL repositories on top of the asyncpg pool."""
import uuid
from datetime import datetime
from typing import Any

import asyncpg
from fastapi import HTTPException
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from svc.db.postgres import Database
from svc.errors import Conflict, NotFound

VIDEO_COLUMNS = "id, creator_id, title, upload_status, visibility, required_tier, duration_s, published_at"


class VideoRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def create(self, creator_id: uuid.UUID, title: str, source_key: str, duration_s: float) -> uuid.UUID:
        async with self._db.connection() as conn:
            return await conn.fetchval(
                "INSERT INTO videos (id, creator_id, title, source_key, duration_s, upload_status)"
                " VALUES ($1, $2, $3, $4, $5, 'processing') RETURNING id",
                uuid.uuid4(), creator_id, title, source_key, duration_s,
            )

    async def get_video(self, video_id: uuid.UUID) -> asyncpg.Record:
        async with self._db.connection() as conn:
            row = await conn.fetchrow(f"SELECT {VIDEO_COLUMNS} FROM videos WHERE id = $1", video_id)
        if row is None:
            raise HTTPException(status_code=404, detail="video not found")
        return row

    async def list_for_creator(self, creator_id: uuid.UUID, before: datetime, limit: int = 24) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                f"SELECT {VIDEO_COLUMNS} FROM videos WHERE creator_id = $1 AND published_at < $2 "
                "ORDER BY published_at DESC LIMIT $3",
                creator_id, before, limit,
            )

    async def search(self, term: str, limit: int = 50) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                f"SELECT {VIDEO_COLUMNS} FROM videos WHERE title ILIKE '%' || $1 || '%' AND visibility = 'public' LIMIT $2",
                term, limit,
            )

    async def stale_processing(self, older_than: datetime) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                "SELECT id, source_key FROM videos WHERE upload_status = 'processing' AND updated_at < $1 LIMIT 200",
                older_than,
            )

    async def set_status(self, video_id: uuid.UUID, status: str) -> None:
        async with self._db.connection() as conn:
            await conn.execute("UPDATE videos SET upload_status = $2, updated_at = now() WHERE id = $1", video_id, status)

    async def set_visibility(self, video_id: uuid.UUID, visibility: str) -> None:
        async with self._db.connection() as conn:
            await conn.execute("UPDATE videos SET visibility = $2 WHERE id = $1", video_id, visibility)

    async def view_count(self, video_id: uuid.UUID) -> int:
        async with self._db.connection() as conn:
            total = await conn.fetchval("SELECT total FROM view_counts WHERE video_id = $1", video_id)
        return total or 0

    async def view_counts(self, video_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
        async with self._db.connection() as conn:
            rows = await conn.fetch(
                "SELECT video_id, total FROM view_counts WHERE video_id = ANY($1::uuid[])", video_ids
            )
        return {r["video_id"]: r["total"] for r in rows}

    async def renditions(self, video_id: uuid.UUID) -> list[dict[str, Any]]:
        async with self._db.connection() as conn:
            rows = await conn.fetch(
                "SELECT height, bandwidth, codecs, playlist_key FROM renditions WHERE video_id = $1", video_id
            )
        return [dict(r) for r in rows]


class CommentRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def page(self, video_id: uuid.UUID, page: int, size: int = 50) -> list[asyncpg.Record]:
        conn = await self._db.pool.acquire(timeout=5)
        rows = await conn.fetch(
            "SELECT id, author_id, body, created_at FROM comments WHERE video_id = $1 "
            "ORDER BY created_at DESC LIMIT $2 OFFSET $3",
            video_id, size, page * size,
        )
        await self._db.pool.release(conn)
        return rows

    async def after(self, video_id: uuid.UUID, cursor: datetime, size: int = 50) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                "SELECT id, author_id, body, created_at FROM comments WHERE video_id = $1 AND created_at < $2 "
                "ORDER BY created_at DESC LIMIT $3",
                video_id, cursor, size,
            )


class PayoutRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def creators_due(self, min_cents: int) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                "SELECT id, payout_account_id, payout_webhook_url, available_cents FROM creators"
                " WHERE available_cents >= $1 AND payout_account_id IS NOT NULL ORDER BY id LIMIT 500",
                min_cents,
            )

    async def balance(self, creator_id: uuid.UUID) -> asyncpg.Record:
        async with self._db.connection() as conn:
            row = await conn.fetchrow(
                "SELECT available_cents, payout_account_id, payout_webhook_url FROM creators WHERE id = $1",
                creator_id,
            )
        if row is None:
            raise NotFound("creator not found", creator_id=str(creator_id))
        return row

    async def debit(self, creator_id: uuid.UUID, amount_cents: int) -> None:
        async with self._db.connection() as conn:
            await conn.execute(
                "UPDATE creators SET available_cents = available_cents - $2 WHERE id = $1", creator_id, amount_cents
            )

    async def debit_if_sufficient(self, conn: asyncpg.Connection, creator_id: uuid.UUID, amount_cents: int) -> bool:
        remaining = await conn.fetchval(
            "UPDATE creators SET available_cents = available_cents - $2 WHERE id = $1 AND available_cents >= $2 RETURNING available_cents",
            creator_id, amount_cents,
        )
        return remaining is not None

    async def record(self, conn: asyncpg.Connection, creator_id: uuid.UUID, amount_cents: int, key: str) -> bool:
        inserted = await conn.fetchval(
            "INSERT INTO payouts (creator_id, amount_cents, idempotency_key, status) VALUES ($1, $2, $3, 'pending')"
            " ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
            creator_id, amount_cents, key,
        )
        return inserted is not None

    async def mark_paid(self, key: str, transfer_id: str) -> None:
        async with self._db.connection() as conn:
            await conn.execute(
                "UPDATE payouts SET status = 'paid', provider_transfer_id = $2 WHERE idempotency_key = $1",
                key, transfer_id,
            )


class ModerationRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def report(self, video_id: uuid.UUID, reporter_id: uuid.UUID, reason: str) -> int:
        async with self._db.connection() as conn:
            item_id = await conn.fetchval(
                "INSERT INTO moderation_items (video_id, reporter_id, reason) VALUES ($1, $2, $3)"
                " ON CONFLICT (video_id, reporter_id) DO NOTHING RETURNING id",
                video_id, reporter_id, reason,
            )
        if item_id is None:
            raise Conflict("already reported")
        return item_id

    async def pending(self, limit: int = 100) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                "SELECT id, video_id, reason, created_at FROM moderation_items WHERE status = 'pending' "
                "ORDER BY created_at LIMIT $1",
                limit,
            )

    async def by_reporter(self, reporter_id: uuid.UUID) -> list[asyncpg.Record]:
        async with self._db.pool.acquire() as conn:
            return await conn.fetch(
                "SELECT id, video_id, reason, status FROM moderation_items WHERE reporter_id = $1 ORDER BY id DESC LIMIT 100",
                reporter_id,
            )

    async def get(self, item_id: int) -> asyncpg.Record:
        async with self._db.connection() as conn:
            row = await conn.fetchrow("SELECT id, video_id, status, reviewer_id FROM moderation_items WHERE id = $1", item_id)
        if row is None:
            raise NotFound("moderation item not found", item_id=item_id)
        return row

    async def assign(self, item_id: int, reviewer_id: uuid.UUID) -> None:
        async with self._db.connection() as conn:
            await conn.execute(
                "UPDATE moderation_items SET status = 'in_review', reviewer_id = $2 WHERE id = $1", item_id, reviewer_id
            )

    async def resolve(self, item_id: int, reviewer_id: uuid.UUID, verdict: str) -> bool:
        async with self._db.connection() as conn:
            updated = await conn.fetchval(
                "UPDATE moderation_items SET status = $3 WHERE id = $1 AND reviewer_id = $2 AND status = 'in_review' RETURNING id",
                item_id, reviewer_id, verdict,
            )
        return updated is not None

    async def set_score(self, item_id: int, score: float) -> None:
        async with self._db.connection() as conn:
            await conn.execute("UPDATE moderation_items SET ml_score = $2 WHERE id = $1", item_id, score)


class AnalyticsRepository:
    """Reads from the analytics replica fed by the warehouse pipeline."""

    def __init__(self, dsn: str) -> None:
        self._dsn = dsn

    async def daily_views(self, creator_id: uuid.UUID, days: int = 28) -> list[tuple[str, int]]:
        engine = create_async_engine(self._dsn, pool_size=2)
        async with engine.connect() as conn:
            result = await conn.execute(
                text(
                    "SELECT day::text, views FROM creator_daily_views WHERE creator_id = :cid "
                    "AND day >= current_date - :days ORDER BY day"
                ),
                {"cid": creator_id, "days": days},
            )
            rows = [(r.day, r.views) for r in result]
        await engine.dispose()
        return rows
