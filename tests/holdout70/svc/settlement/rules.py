"""Turn a provider result payload into per-selection outcomes and bet outcomes."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Mapping

from svc.utils.money import payout

WON, LOST, VOID = "won", "lost", "void"


def selection_outcomes(payload: Mapping) -> dict[int, str]:
    out: dict[int, str] = {}
    for market in payload.get("markets", []):
        winners = set(market.get("winning_selection_ids", []))
        voided = set(market.get("void_selection_ids", []))
        for sel_id in market.get("selection_ids", []):
            if sel_id in voided:
                out[sel_id] = VOID
            elif sel_id in winners:
                out[sel_id] = WON
            else:
                out[sel_id] = LOST
    return out


def bet_outcome(legs: Iterable[Mapping], outcomes: Mapping[int, str]) -> tuple[str, Decimal] | None:
    """Outcome and effective odds for an accumulator, or None if legs are still open."""
    effective = Decimal(1)
    any_won = False
    for leg in legs:
        result = outcomes.get(leg["selection_id"]) or leg["result"]
        if result is None:
            return None
        if result == LOST:
            return LOST, Decimal(0)
        if result == WON:
            effective *= Decimal(leg["odds"])
            any_won = True
    if not any_won:
        return VOID, Decimal(1)
    return WON, effective


def is_final(status: str) -> bool:
    return status in FINAL_STATES


def payout_for(stake: Decimal, outcome: str, effective_odds: Decimal, free_bet: bool) -> Decimal:
    if outcome == LOST:
        return Decimal(0)
    if outcome == VOID:
        return Decimal(0) if free_bet else stake
    gross = payout(stake, effective_odds)
    # free bet stakes are not returned with the winnings
    return gross - stake if free_bet else gross


FINAL_STATES = frozenset({WON, LOST, VOID, "cashed_out"})
