from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Bet, BetLeg, BetStatus
from svc.betslip.schemas import BetSlip


class BetRepository:
    async def create_bet(self, session: AsyncSession, user_id: int, slip: BetSlip, odds: Decimal,
                         payout: Decimal) -> int:
        bet = Bet(
            user_id=user_id,
            event_id=slip.legs[0].event_id,
            stake=slip.stake,
            odds=odds,
            potential_payout=payout,
            free_bet_id=slip.free_bet_id,
            partner_ref=slip.partner_ref,
        )
        session.add(bet)
        await session.flush()
        session.add_all(BetLeg(bet_id=bet.id, selection_id=leg.selection_id, odds=leg.odds) for leg in slip.legs)
        await session.commit()
        return bet.id

    async def find_by_partner_ref(self, session: AsyncSession, partner_ref: str) -> Bet | None:
        return await session.scalar(select(Bet).where(Bet.partner_ref == partner_ref))

    async def history(self, session: AsyncSession, user_id: int, before: datetime | None, limit: int = 50) -> list[Bet]:
        stmt = (
            select(Bet)
            .options(selectinload(Bet.legs))
            .where(Bet.user_id == user_id)
            .order_by(Bet.placed_at.desc())
            .limit(limit)
        )
        if before is not None:
            stmt = stmt.where(Bet.placed_at < before)
        return list((await session.scalars(stmt)).all())

    async def open_bets(self, session: AsyncSession, user_id: int) -> list[Bet]:
        stmt = select(Bet).where(Bet.user_id == user_id, Bet.status == BetStatus.OPEN).order_by(Bet.placed_at)
        return list((await session.scalars(stmt)).all())

    async def get_for_update(self, session: AsyncSession, bet_id: int) -> Bet | None:
        return await session.scalar(select(Bet).where(Bet.id == bet_id).with_for_update())
