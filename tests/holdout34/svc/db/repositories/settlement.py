from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

from fastapi import HTTPException
from sqlalchemy import select, update

from svc.db.models import Bet, Market
from svc.db.repositories.base import Repository


class SettlementRepository(Repository):
    async def get_market(self, market_id: int) -> Market:
        async with self._sessionmaker() as session:
            market = await session.get(Market, market_id)
        if market is None:
            raise HTTPException(status_code=404, detail=f"market {market_id} not found")
        return market

    async def open_markets_for_match(self, match_id: int) -> list[Market]:
        async with self._sessionmaker() as session:
            stmt = select(Market).where(Market.match_id == match_id, Market.status == "open")
            result = await session.execute(stmt)
            return list(result.scalars())

    async def claim_market(self, market_id: int) -> bool:
        """Atomically move a market from open to settling; False if someone else has it."""
        async with self._sessionmaker() as session:
            stmt = (
                update(Market)
                .where(Market.id == market_id, Market.status == "open")
                .values(status="settling")
                .returning(Market.id)
            )
            result = await session.execute(stmt)
            await session.commit()
            return result.scalar_one_or_none() is not None

    async def bets_for_market(self, market_id: int) -> list[Bet]:
        async with self._sessionmaker() as session:
            result = await session.execute(
                select(Bet).where(Bet.market_id == market_id, Bet.status == "pending")
            )
            return list(result.scalars())

    async def update_bet_status(self, bet_id: int, status: str, payout: Decimal | None = None) -> None:
        async with self._sessionmaker() as session:
            await session.execute(update(Bet).where(Bet.id == bet_id).values(status=status, payout=payout))
            await session.commit()

    async def bulk_update_bets(self, rows: Sequence[dict[str, Any]]) -> None:
        """rows: dicts with id, status, payout; one executemany round trip."""
        if not rows:
            return
        async with self._sessionmaker() as session:
            await session.execute(update(Bet), list(rows))
            await session.commit()

    async def mark_settled(self, market_id: int, result: str) -> None:
        async with self._sessionmaker() as session:
            await session.execute(
                update(Market)
                .where(Market.id == market_id)
                .values(status="settled", result=result, settled_at=datetime.now(timezone.utc))
            )
            await session.commit()

    async def release_market(self, market_id: int) -> None:
        async with self._sessionmaker() as session:
            await session.execute(
                update(Market).where(Market.id == market_id, Market.status == "settling").values(status="open")
            )
            await session.commit()
