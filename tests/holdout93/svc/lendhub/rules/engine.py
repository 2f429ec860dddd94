from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..utils.money import monthly_payment


MAX_BACK_END_DTI = Decimal("0.45")
MAX_FRONT_END_DTI = Decimal("0.36")


def debt_to_income(housing_payment: Decimal, other_debts: Decimal, monthly_income: Decimal) -> tuple[Decimal, Decimal]:
    if monthly_income <= 0:
        return Decimal("Infinity"), Decimal("Infinity")
    front = housing_payment / monthly_income
    back = (housing_payment + other_debts) / monthly_income
    return front, back


def dti_findings(front: Decimal, back: Decimal) -> list[str]:
    findings = []
    if front > MAX_FRONT_END_DTI:
        findings.append("DTI_FRONT")
    if back > MAX_BACK_END_DTI:
        findings.append("DTI_BACK")
    return findings


LIMITS = {
    "primary": {"max_ltv": Decimal("0.97"), "max_cltv": Decimal("1.05")},
    "second_home": {"max_ltv": Decimal("0.90"), "max_cltv": Decimal("0.90")},
    "investment": {"max_ltv": Decimal("0.85"), "max_cltv": Decimal("0.85")},
}


def ltv_findings(loan_amount: Decimal, subordinate: Decimal, property_value: Decimal, occupancy: str) -> list[str]:
    limits = LIMITS.get(occupancy, LIMITS["investment"])
    ltv = loan_amount / property_value
    cltv = (loan_amount + subordinate) / property_value
    findings = []
    if ltv > limits["max_ltv"]:
        findings.append("LTV")
    if ltv > limits["max_cltv"]:
        findings.append("CLTV")
    return findings


MIN_FICO = {"conventional": 620, "fha": 580, "jumbo": 700}


@dataclass
class RuleResult:
    decision: str
    findings: list[str] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)


class RuleEngine:
    def __init__(self, program: str = "conventional") -> None:
        self.program = program

    def evaluate(self, app: Any, income: Decimal, other_debts: Decimal, fico: int | None) -> RuleResult:
        rate = Decimal("7.0")
        housing = monthly_payment(app.loan_amount, rate, 360)
        front, back = debt_to_income(housing, other_debts, income)
        findings = dti_findings(front, back)
        findings += ltv_findings(app.loan_amount, Decimal("0"), app.property_value, app.occupancy)
        if fico is None or fico < MIN_FICO.get(self.program, 620):
            findings.append("FICO")
        decision = "approve" if not findings else "refer"
        return RuleResult(decision, findings, {"front_dti": str(front), "back_dti": str(back), "fico": fico})
