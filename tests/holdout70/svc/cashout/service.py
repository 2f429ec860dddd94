from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession

from svc.betslip.repository import BetRepository
from svc.cashout.pricing import CashoutNotAvailable, LegState, any_suspended, offer_amount
from svc.cashout.trading_client import TradingClient
from svc.db.models import BetStatus
from svc.odds.repository import OddsRepository
from svc.settlement.repository import SettlementRepository
from svc.utils.locks import bet_locks, wallet_locks
from svc.wallet.client import WalletClient

logger = logging.getLogger(__name__)


class CashoutService:
    def __init__(self, bets: BetRepository, settlement: SettlementRepository, odds: OddsRepository,
                 trading: TradingClient, wallet: WalletClient, margin: float) -> None:
        self._bets = bets
        self._settlement = settlement
        self._odds = odds
        self._trading = trading
        self._wallet = wallet
        self._margin = margin

    async def _leg_states(self, bet_id: int) -> list[LegState]:
        legs = await self._settlement.legs_for_bet(bet_id)
        states = []
        for leg in legs:
            current = await self._odds.price_for(leg["selection_id"])
            states.append(LegState(leg["selection_id"], leg["status"], leg["odds"], current))
        return states

    async def quote(self, bet_id: int, stake):
        states = await self._leg_states(bet_id)
        if any_suspended(states):
            raise CashoutNotAvailable("market suspended")
        legs = [{"selection_id": s.selection_id, "odds": str(s.placed_odds),
                 "current": str(s.current_odds) if s.current_odds else None} for s in states]
        fair = await self._trading.fair_value(bet_id, legs)
        margin = Decimal(str(self._margin))
        return offer_amount(stake, states, fair, margin)

    async def auto_cashout_candidates(self, rules: list[dict]) -> list[int]:
        """Bets whose auto cash-out threshold is reached at current prices.

        ``rules`` rows carry bet_id, selection_ids and the target multiple of stake.
        """
        all_ids = sorted({sel for rule in rules for sel in rule["selection_ids"]})
        prices = await self._odds.prices_for(all_ids)
        hits = []
        for rule in rules:
            current = [prices.get(sel) for sel in rule["selection_ids"]]
            if any(p is None for p in current):
                continue
            placed = 1
            now = 1
            for sel, price in zip(rule["selection_ids"], current):
                placed *= rule["placed_odds"][sel]
                now *= price
            if now and placed / now >= rule["target_multiple"]:
                hits.append(rule["bet_id"])
        return hits

    async def cash_out(self, session: AsyncSession, user_id: int, bet_id: int, accepted):
        async with bet_locks.hold(bet_id):
            bet = await self._bets.get_for_update(session, bet_id)
            if bet is None or bet.user_id != user_id:
                raise CashoutNotAvailable("unknown bet")
            if bet.status is not BetStatus.OPEN:
                raise CashoutNotAvailable(f"bet is {bet.status.value}")
            async with wallet_locks.hold(user_id):
                offer = await self.quote(bet_id, bet.stake)
                if offer < accepted:
                    raise CashoutNotAvailable("offer changed")
                bet.status = BetStatus.CASHED_OUT
                bet.potential_payout = offer
                await session.commit()
                await self._wallet.credit(user_id, offer, f"cashout-{bet_id}", reason="cash_out")
        logger.info("bet %s cashed out for %s", bet_id, offer)
        return offer
