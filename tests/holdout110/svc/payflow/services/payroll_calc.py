"""Pure payroll arithmetic: overtime split and per-jurisdiction withholding.

Everything here is synchronous and side-effect free so it can run in a process pool.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from payflow.settings import get_settings
from payflow.utils.common import clamp, round_tax, to_cents

ZERO = Decimal("0")
WEEKLY_OT_THRESHOLD = Decimal("40")
DAILY_OT_JURISDICTIONS = {"US-CA": Decimal("8"), "US-AK": Decimal("8"), "US-NV": Decimal("8")}
PERIODS_PER_YEAR = {"weekly": 52, "biweekly": 26, "semimonthly": 24, "monthly": 12}


@dataclass(slots=True)
class WorkInput:
    employee_id: int
    jurisdiction: str
    pay_type: str
    hourly_rate: Decimal
    annual_salary: Decimal
    daily_hours: list[Decimal]
    filing_status: str
    allowances: int
    ytd_gross: Decimal
    frequency: str = "biweekly"
    pre_tax_deductions: Decimal = ZERO


@dataclass(slots=True)
class PayResult:
    employee_id: int
    regular_hours: Decimal
    overtime_hours: Decimal
    gross: Decimal
    federal_tax: Decimal
    state_tax: Decimal
    social_tax: Decimal
    deductions: Decimal
    net: Decimal
    jurisdiction: str
    notes: list[str] = field(default_factory=list)


def split_overtime(daily_hours: list[Decimal], jurisdiction: str) -> tuple[Decimal, Decimal]:
    daily_threshold = DAILY_OT_JURISDICTIONS.get(jurisdiction)
    daily_ot = ZERO
    if daily_threshold is not None:
        daily_ot = sum((max(ZERO, h - daily_threshold) for h in daily_hours), ZERO)
    total = sum(daily_hours, ZERO)
    weekly_ot = max(ZERO, WEEKLY_OT_THRESHOLD - total)
    overtime = max(daily_ot, weekly_ot)
    return total - overtime, overtime


def gross_pay(inp: WorkInput, regular: Decimal, overtime: Decimal) -> Decimal:
    if inp.pay_type == "salary":
        return to_cents(inp.annual_salary / PERIODS_PER_YEAR[inp.frequency])
    return to_cents(inp.hourly_rate * regular + inp.hourly_rate * Decimal("1.5") * overtime)


def progressive_tax(annual_income: Decimal, brackets: list[dict]) -> Decimal:
    tax = ZERO
    for bracket in brackets:
        low = Decimal(str(bracket["from"]))
        high = Decimal(str(bracket["to"])) if bracket.get("to") is not None else None
        rate = Decimal(str(bracket["rate"]))
        if annual_income <= low:
            break
        upper = annual_income if high is None else min(annual_income, high)
        tax += (upper - low) * rate
    return tax


def withhold(inp: WorkInput, gross: Decimal, federal: dict, state: dict) -> tuple[Decimal, Decimal, Decimal]:
    periods = PERIODS_PER_YEAR[inp.frequency]
    taxable = max(ZERO, gross - inp.pre_tax_deductions)
    annual = taxable * periods
    fed_allowance = Decimal(str(federal["allowance"])) * inp.allowances
    fed_brackets = federal["brackets"][inp.filing_status]
    federal_tax = progressive_tax(max(ZERO, annual - fed_allowance), fed_brackets) / periods
    state_tax = progressive_tax(annual, state["brackets"].get(inp.filing_status, state["brackets"]["single"])) / periods

    wage_base = Decimal(str(federal["social_wage_base"]))
    remaining_base = clamp(wage_base - inp.ytd_gross, ZERO, wage_base)
    social_taxable = min(taxable, remaining_base)
    social_tax = social_taxable * Decimal(str(federal["social_rate"])) + taxable * Decimal(
        str(federal["medicare_rate"])
    )
    return round_tax(federal_tax), round_tax(state_tax), round_tax(social_tax)


def compute_one(inp: WorkInput, tables: dict[str, dict]) -> PayResult:
    regular, overtime = split_overtime(inp.daily_hours, inp.jurisdiction)
    gross = gross_pay(inp, regular, overtime)
    federal_tax, state_tax, social_tax = withhold(inp, gross, tables["US-FED"], tables[inp.jurisdiction])
    net = gross - federal_tax - state_tax - social_tax - inp.pre_tax_deductions
    return PayResult(
        employee_id=inp.employee_id,
        regular_hours=regular,
        overtime_hours=overtime,
        gross=gross,
        federal_tax=federal_tax,
        state_tax=state_tax,
        social_tax=social_tax,
        deductions=inp.pre_tax_deductions,
        net=to_cents(net),
        jurisdiction=inp.jurisdiction,
    )


def explain(result: PayResult, inp: WorkInput) -> list[str]:
    """Human-readable breakdown shown next to a pay-run line in the admin UI."""
    lines = [
        f"{result.regular_hours} regular hours and {result.overtime_hours} overtime hours",
        f"gross {result.gross} ({inp.pay_type})",
        f"federal withholding {result.federal_tax} ({inp.filing_status}, {inp.allowances} allowances)",
        f"state withholding {result.state_tax} ({inp.jurisdiction})",
        f"social taxes {result.social_tax}",
    ]
    if inp.pre_tax_deductions:
        lines.append(f"pre-tax deductions {inp.pre_tax_deductions}")
    if result.overtime_hours and inp.pay_type == "salary":
        lines.append("overtime hours recorded for a salaried employee are informational only")
    lines.append(f"net {result.net}")
    return lines


def compute_batch(inputs: list[WorkInput], tables: dict[str, dict]) -> list[PayResult]:
    return [compute_one(inp, tables) for inp in inputs]


def load_tables(jurisdictions: set[str], tax_year: int) -> dict[str, dict]:
    wanted = set(jurisdictions) | {"US-FED"}
    return {j: load_tax_table(j, tax_year) for j in wanted}


@lru_cache(maxsize=128)
def load_tax_table(jurisdiction: str, tax_year: int) -> dict:
    """Bracket tables ship with the image; read once per (jurisdiction, year)."""
    path = Path(get_settings().tax_tables_dir) / str(tax_year) / f"{jurisdiction.lower()}.json"
    with path.open("r", encoding="utf-8") as fh:
        return json.load(fh)
