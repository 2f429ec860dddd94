from __future__ import annotations

import uuid
from collections import defaultdict

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Bid


class BidRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, bid_id: uuid.UUID) -> Bid | None:
        return await self.session.get(Bid, bid_id)

    async def list_for_load(self, load_id: uuid.UUID) -> list[Bid]:
        stmt = select(Bid).where(Bid.load_id == load_id).order_by(Bid.amount_cents)
        return list(await self.session.scalars(stmt))

    async def list_for_loads(self, load_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Bid]]:
        grouped: dict[uuid.UUID, list[Bid]] = defaultdict(list)
        if not load_ids:
            return grouped
        stmt = select(Bid).where(Bid.load_id.in_(load_ids)).order_by(Bid.load_id, Bid.amount_cents)
        for bid in await self.session.scalars(stmt):
            grouped[bid.load_id].append(bid)
        return grouped

    async def list_for_carrier(self, carrier_id: uuid.UUID, status: str = "open") -> list[Bid]:
        stmt = select(Bid).where(Bid.carrier_id == carrier_id, Bid.status == status).order_by(Bid.created_at.desc())
        return list(await self.session.scalars(stmt))

    async def close_others(self, load_id: uuid.UUID, winning_bid_id: uuid.UUID) -> None:
        await self.session.execute(
            update(Bid).where(Bid.load_id == load_id, Bid.id != winning_bid_id).values(status="lost")
        )

    def add(self, bid: Bid) -> None:
        self.session.add(bid)
