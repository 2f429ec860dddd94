from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..config import get_settings
from ..repositories import ledger as ledger_repo
from ..repositories import positions as positions_repo
from . import quotes


@dataclass(frozen=True)
class MarginStatus:
    account_id: int
    equity: Decimal
    long_market_value: Decimal
    required: Decimal
    action: str

    @property
    def deficit(self) -> Decimal:
        return max(self.required - self.equity, Decimal("0"))


HOUSE_CALL_RATIO = Decimal("0.30")
FORCED_LIQUIDATION_RATIO = Decimal("0.15")


def classify(equity: Decimal, long_value: Decimal) -> str:
    if long_value <= 0:
        return "ok"
    ratio = equity / long_value
    if ratio < HOUSE_CALL_RATIO:
        return "call"
    elif ratio < FORCED_LIQUIDATION_RATIO:
        return "liquidate"
    return "ok"


async def margin_status(account_id: int) -> MarginStatus:
    settings = get_settings()
    cash = await ledger_repo.cash_balance(account_id)
    rows = await positions_repo.positions_for_account(account_id)
    prices = await quotes.get_quotes([r["symbol"] for r in rows])
    long_value = Decimal("0")
    for row in rows:
        quote = prices.get(row["symbol"])
        price = quote.last if quote is not None else row["average_cost"]
        long_value += price * row["quantity"]
    equity = cash + long_value
    required = long_value * Decimal(str(settings.maintenance_margin_ratio))
    return MarginStatus(account_id, equity, long_value, required, classify(equity, long_value))


def margin_status_from(account_id: int, cash: Decimal, rows: list, prices: dict, ratio: float) -> MarginStatus:
    long_value = sum(
        ((prices[r["symbol"]].last if r["symbol"] in prices else r["average_cost"]) * r["quantity"] for r in rows),
        Decimal("0"),
    )
    equity = cash + long_value
    required = long_value * Decimal(str(ratio))
    return MarginStatus(account_id, equity, long_value, required, classify(equity, long_value))
