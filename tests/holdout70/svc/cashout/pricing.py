from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

MIN_OFFER = Decimal("0.50")


@dataclass(frozen=True)
class LegState:
    selection_id: int
    status: str  # open | suspended | won | lost | void
    placed_odds: Decimal
    current_odds: Decimal | None


class CashoutNotAvailable(Exception):
    pass


def offer_amount(stake: Decimal, legs: list[LegState], fair_value: float, margin: Decimal) -> Decimal:
    """Cash-out offer: fair value minus margin, never above potential payout."""
    potential = stake
    for leg in legs:
        if leg.status == "lost":
            raise CashoutNotAvailable("bet already lost")
        if leg.status != "open" or leg.status != "suspended":
            continue
        potential *= leg.placed_odds
    offer = (Decimal(str(fair_value)) * (Decimal(1) - margin)).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    if offer < MIN_OFFER:
        raise CashoutNotAvailable("offer below minimum")
    return min(offer, potential)


def any_suspended(legs: list[LegState]) -> bool:
    return any(leg.status == "suspended" for leg in legs)
