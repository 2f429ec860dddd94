from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from ..models import Bid, Carrier, Load

HISTORY_ROWS = 20_000


@dataclass(frozen=True)
class Suggestion:
    carrier_id: uuid.UUID
    legal_name: str
    lane_bids: int
    avg_bid_cents: int


class MatchingService:
    """Suggests carriers to invite to a load, based on who has bid the lane before."""

    def __init__(self, session_factory: async_sessionmaker) -> None:
        self._sessions = session_factory

    async def _lane_bids(self, load: Load) -> list[tuple[uuid.UUID, str, int]]:
        stmt = (
            select(Carrier.id, Carrier.legal_name, Bid.amount_cents)
            .join(Bid, Bid.carrier_id == Carrier.id)
            .join(Load, Load.id == Bid.load_id)
            .where(Load.origin_state == load.origin_state, Load.dest_state == load.dest_state)
            .where(Carrier.suspended.is_(False))
            .order_by(Bid.created_at.desc())
            .limit(HISTORY_ROWS)
        )
        async with self._sessions() as session:
            return [(cid, name, int(amount)) for cid, name, amount in (await session.execute(stmt)).all()]

    async def suggest(self, load: Load, limit: int = 25) -> list[Suggestion]:
        rows = await self._lane_bids(load)
        carriers_in_order: list[uuid.UUID] = []
        names: dict[uuid.UUID, str] = {}
        totals: Counter[uuid.UUID] = Counter()
        counts: Counter[uuid.UUID] = Counter()
        for carrier_id, name, amount in rows:
            if carrier_id not in carriers_in_order:
                carriers_in_order.append(carrier_id)
                names[carrier_id] = name
            totals[carrier_id] += amount
            counts[carrier_id] += 1
        ranked = sorted(carriers_in_order, key=lambda cid: (-counts[cid], totals[cid] // counts[cid]))
        return [
            Suggestion(cid, names[cid], counts[cid], totals[cid] // counts[cid])
            for cid in ranked[:limit]
        ]

    async def invite_list(self, load: Load, already_invited: set[uuid.UUID]) -> list[Suggestion]:
        suggestions = await self.suggest(load, limit=100)
        return [s for s in suggestions if s.carrier_id not in already_invited]
