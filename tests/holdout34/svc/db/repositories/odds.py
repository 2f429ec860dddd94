from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select

from svc.db.models import Market, OddsSnapshot
from svc.db.repositories.base import Repository


class OddsSnapshotRepository(Repository):
    async def insert_many(self, rows: Sequence[dict[str, Any]]) -> int:
        if not rows:
            return 0
        async with self._sessionmaker() as session:
            await session.execute(insert(OddsSnapshot), list(rows))
            await session.commit()
        return len(rows)

    async def latest_for_match(self, match_id: int) -> list[dict[str, Any]]:
        async with self._sessionmaker() as session:
            stmt = (
                select(OddsSnapshot.market_id, OddsSnapshot.prices, OddsSnapshot.taken_at)
                .where(OddsSnapshot.match_id == match_id)
                .order_by(OddsSnapshot.market_id, OddsSnapshot.taken_at.desc())
                .distinct(OddsSnapshot.market_id)
            )
            result = await session.execute(stmt)
            return [
                {"market_id": r.market_id, "prices": r.prices, "taken_at": r.taken_at.isoformat(), "stale": True}
                for r in result
            ]

    async def open_markets(self, match_id: int) -> list[dict[str, Any]]:
        async with self._sessionmaker() as session:
            stmt = select(Market.id, Market.kind).where(Market.match_id == match_id, Market.status == "open")
            result = await session.execute(stmt)
            return [{"id": r.id, "kind": r.kind} for r in result]

    async def purge_before(self, cutoff: datetime) -> int:
        async with self._sessionmaker() as session:
            result = await session.execute(delete(OddsSnapshot).where(OddsSnapshot.taken_at < cutoff))
            await session.commit()
            return result.rowcount or 0
