from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..db.models import Campaign
from ..db.connections import PgPool


class CampaignRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], pg: PgPool) -> None:
        self._sessions = sessions
        self._pg = pg

    async def get(self, campaign_id: int) -> Campaign | None:
        async with self._sessions() as session:
            return await session.get(Campaign, campaign_id)

    async def get_many(self, ids: list[int]) -> dict[int, Campaign]:
        if not ids:
            return {}
        async with self._sessions() as session:
            result = await session.execute(select(Campaign).where(Campaign.id.in_(ids)))
            return {c.id: c for c in result.scalars()}

    async def list_for_charity(self, charity_id: int, after_id: int = 0, limit: int = 20) -> list[Campaign]:
        stmt = (
            select(Campaign)
            .where(Campaign.charity_id == charity_id, Campaign.id > after_id)
            .order_by(Campaign.id)
            .limit(limit)
        )
        async with self._sessions() as session:
            return list((await session.execute(stmt)).scalars())

    async def featured(self) -> list[dict]:
        async with self._pg.connection() as conn:
            rows = await conn.fetch(
                "SELECT id, title, goal_cents, raised_cents FROM campaigns "
                "WHERE status = 'live' ORDER BY random() LIMIT 3"
            )
        return [dict(r) for r in rows]

    async def ending_soon(self, limit: int = 12) -> list[dict]:
        async with self._pg.connection() as conn:
            rows = await conn.fetch(
                "SELECT id, title, goal_cents, raised_cents, ends_at FROM campaigns "
                "WHERE status = 'live' AND ends_at > now() ORDER BY ends_at LIMIT $1",
                limit,
            )
        return [dict(r) for r in rows]

    async def add_to_total(self, campaign_id: int, amount_cents: int) -> tuple[int, int]:
        async with self._pg.connection() as conn:
            row = await conn.fetchrow(
                "UPDATE campaigns SET raised_cents = raised_cents + $2, donor_count = donor_count + 1 "
                "WHERE id = $1 RETURNING raised_cents, goal_cents",
                campaign_id,
                amount_cents,
            )
        return row["raised_cents"], row["goal_cents"]

    async def set_goal(self, campaign_id: int, goal_cents: int) -> dict:
        async with self._pg.transaction() as conn:
            row = await conn.fetchrow(
                "SELECT id, raised_cents, status FROM campaigns WHERE id = $1 FOR UPDATE", campaign_id
            )
            if row is None:
                raise LookupError(campaign_id)
            if goal_cents < row["raised_cents"]:
                goal_cents = row["raised_cents"]
            await conn.execute("UPDATE campaigns SET goal_cents = $2 WHERE id = $1", campaign_id, goal_cents)
        return {"id": campaign_id, "goal_cents": goal_cents}

    async def set_status(self, campaign_id: int, current: str, new: str) -> bool:
        async with self._pg.connection() as conn:
            result = await conn.execute(
                "UPDATE campaigns SET status = $3 WHERE id = $1 AND status = $2", campaign_id, current, new
            )
        return result == "UPDATE 1"

    async def save(self, campaign: Campaign) -> None:
        async with self._sessions() as session, session.begin():
            await session.merge(campaign)


class MilestoneRepository:
    def __init__(self, pg: PgPool) -> None:
        self._pg = pg

    async def already_sent(self, campaign_id: int, percent: int) -> bool:
        async with self._pg.connection() as conn:
            return await conn.fetchval(
                "SELECT EXISTS (SELECT 1 FROM milestone_events WHERE campaign_id = $1 AND percent = $2)",
                campaign_id, percent,
            )

    async def mark_sent(self, campaign_id: int, percent: int) -> None:
        async with self._pg.connection() as conn:
            await conn.execute(
                "INSERT INTO milestone_events (campaign_id, percent) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                campaign_id, percent,
            )

    async def claim(self, campaign_id: int, percent: int) -> bool:
        async with self._pg.connection() as conn:
            row = await conn.fetchrow(
                "INSERT INTO milestone_events (campaign_id, percent) VALUES ($1, $2) "
                "ON CONFLICT (campaign_id, percent) DO NOTHING RETURNING id",
                campaign_id, percent,
            )
        return row is not None
