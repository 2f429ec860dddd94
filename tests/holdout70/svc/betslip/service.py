from __future__ import annotations

import logging
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from svc.betslip.limits import LimitService, StakeLimitExceeded
from svc.betslip.repository import BetRepository
from svc.betslip.schemas import BetSlip, PlacementResult
from svc.betslip.throttle import PlacementThrottle
from svc.odds.service import OddsService
from svc.promotions.service import CrmClient
from svc.rg.limits import ResponsibleGamblingService, RgBlocked
from svc.utils.money import payout
from svc.wallet.client import InsufficientFunds, WalletClient, WalletUnavailable

logger = logging.getLogger(__name__)

PRICE_TOLERANCE = Decimal("0.02")


class BetPlacementService:
    def __init__(
        self,
        repo: BetRepository,
        limits: LimitService,
        odds: OddsService,
        wallet: WalletClient,
        rg: ResponsibleGamblingService,
        crm: CrmClient,
        throttle: PlacementThrottle,
    ) -> None:
        self._repo = repo
        self._limits = limits
        self._odds = odds
        self._wallet = wallet
        self._rg = rg
        self._crm = crm
        self._throttle = throttle

    async def _reprice(self, slip: BetSlip) -> tuple[Decimal, list[int]]:
        """Current combined odds and the selections whose price moved."""
        ids = [leg.selection_id for leg in slip.legs]
        current = await self._odds.current_prices(ids)
        moved = []
        total = Decimal(1)
        for leg in slip.legs:
            price = current.get(leg.selection_id)
            if price is None:
                moved.append(leg.selection_id)
                continue
            if abs(price - leg.odds) > PRICE_TOLERANCE:
                moved.append(leg.selection_id)
            total *= price
        return total, moved

    async def max_stake(self, user_id: int, slip: BetSlip) -> Decimal:
        """Largest stake the slip would currently accept (shown in the slip UI)."""
        odds, _moved = await self._reprice(slip)
        ceilings = []
        for leg in slip.legs:
            try:
                limits = await self._limits.check_stake(user_id, leg.market_id, slip.stake, odds)
            except StakeLimitExceeded as exc:
                if exc.max_allowed is None:
                    return Decimal(0)
                ceilings.append(exc.max_allowed)
            else:
                ceilings.append(min(limits.max_stake, (limits.max_payout / odds).quantize(Decimal("0.01"))))
        return min(ceilings) if ceilings else Decimal(0)

    async def place(self, session: AsyncSession, user_id: int, slip: BetSlip) -> PlacementResult:
        if not self._throttle.allow(user_id):
            return PlacementResult(bet_id=None, status="rejected", reason="too_many_requests")
        try:
            await self._rg.assert_can_stake(user_id, slip.stake)
        except RgBlocked as exc:
            return PlacementResult(bet_id=None, status="rejected", reason=exc.reason)

        odds, moved = await self._reprice(slip)
        if moved and slip.accept_odds_change == "none":
            return PlacementResult(bet_id=None, status="price_changed", odds=odds)
        if moved and slip.accept_odds_change == "higher" and odds < slip.total_odds:
            return PlacementResult(bet_id=None, status="price_changed", odds=odds)

        try:
            await self._limits.check_stake(user_id, slip.stake, odds)
        except StakeLimitExceeded as exc:
            return PlacementResult(bet_id=None, status="rejected", reason=exc.reason)

        segment = await self._crm.segment(user_id)
        reference = WalletClient.new_reference("stake")
        try:
            await self._wallet.debit(user_id, slip.stake, reference)
        except InsufficientFunds:
            return PlacementResult(bet_id=None, status="rejected", reason="insufficient_funds")
        except WalletUnavailable:
            return PlacementResult(bet_id=None, status="rejected", reason="wallet_unavailable")

        try:
            bet_id = await self._repo.create_bet(session, user_id, slip, odds, payout(slip.stake, odds))
        except Exception:
            logger.exception("bet insert failed after debit %s; refunding user %s", reference, user_id)
            await self._wallet.credit(user_id, slip.stake, f"refund-{reference}", reason="bet_refund")
            raise
        await self._rg.record_stake(user_id, slip.stake)
        logger.info("bet %s accepted user=%s stake=%s odds=%s segment=%s", bet_id, user_id, slip.stake, odds, segment)
        return PlacementResult(bet_id=bet_id, status="accepted", odds=odds)
