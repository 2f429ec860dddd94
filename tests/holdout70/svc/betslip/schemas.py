from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field, field_validator


class SlipLeg(BaseModel):
    selection_id: int
    event_id: int
    market_id: int
    odds: Decimal = Field(gt=1)


class BetSlip(BaseModel):
    legs: list[SlipLeg] = Field(min_length=1, max_length=20)
    stake: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
    accept_odds_change: Literal["none", "higher", "any"] = "none"
    free_bet_id: int | None = None
    partner_ref: str | None = Field(default=None, max_length=64)

    @field_validator("legs")
    @classmethod
    def distinct_events(cls, legs: list[SlipLeg]) -> list[SlipLeg]:
        events = {leg.event_id for leg in legs}
        if len(events) != len(legs):
            raise ValueError("an accumulator cannot contain two legs from the same event")
        return legs

    @property
    def total_odds(self) -> Decimal:
        total = Decimal(1)
        for leg in self.legs:
            total *= leg.odds
        return total


class PlacementResult(BaseModel):
    bet_id: int | None
    status: Literal["accepted", "rejected", "price_changed"]
    reason: str | None = None
    odds: Decimal | None = None
