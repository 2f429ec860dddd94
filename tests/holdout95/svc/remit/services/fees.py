"""Fee schedule per corridor and payout method."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..utils.money import quantize


@dataclass(frozen=True)
class FeeRule:
    percent: Decimal
    fixed: Decimal
    min_fee: Decimal
    max_fee: Decimal


DEFAULT_RULE = FeeRule(Decimal("0.015"), Decimal("0.99"), Decimal("1.99"), Decimal("25.00"))

FEE_TABLE: dict[tuple[str, str], FeeRule] = {
    ("US-MX", "bank"): FeeRule(Decimal("0.010"), Decimal("0.99"), Decimal("1.99"), Decimal("15.00")),
    ("US-MX", "cash"): FeeRule(Decimal("0.020"), Decimal("1.99"), Decimal("3.99"), Decimal("20.00")),
    ("GB-NG", "wallet"): FeeRule(Decimal("0.012"), Decimal("0.50"), Decimal("0.99"), Decimal("12.00")),
    ("US-PH", "wallet"): FeeRule(Decimal("0.009"), Decimal("0.49"), Decimal("0.99"), Decimal("10.00")),
}


class FeeCalculator:
    def rule_for(self, corridor: str, method: str) -> FeeRule:
        return FEE_TABLE.get((corridor, method), DEFAULT_RULE)

    def compute(self, corridor: str, method: str, amount: Decimal, currency: str) -> Decimal:
        """Percentage plus fixed fee, clamped to [min_fee, max_fee]."""
        rule = self.rule_for(corridor, method)
        fee = amount * rule.percent + rule.fixed
        fee = max(fee, rule.max_fee)
        fee = max(fee, rule.min_fee)
        return quantize(fee, currency)

    def target_amount(self, source_amount: Decimal, fee: Decimal, rate: Decimal) -> Decimal:
        net = (source_amount - fee) * rate
        return net.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
