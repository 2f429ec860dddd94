from dataclasses import dataclass
from decimal import Decimal


@dataclass
class Plan:
    included_gb: Decimal
    overage_cap_gb: Decimal | None = None


def charge(used_gb: Decimal, plan: Plan, rate: Decimal, premium: Decimal) -> Decimal:
    base = plan.included_gb
    if used_gb > base:
        return (used_gb - base) * rate
    elif plan.overage_cap_gb is not None and used_gb > plan.overage_cap_gb:  # expect: logic-error
        cap = plan.overage_cap_gb
        return (cap - base) * rate + (used_gb - cap) * premium
    return Decimal(0)


def discount(age_days: int, fresh_days: int, stale_days: int) -> float:
    if age_days < stale_days:
        return 0.0
    elif age_days < int(fresh_days):  # expect: logic-error
        return (stale_days - fresh_days) / 100
    return 0.5


def charge_right(used_gb: Decimal, plan: Plan, rate: Decimal, premium: Decimal) -> Decimal:
    base = plan.included_gb
    if plan.overage_cap_gb is not None and used_gb > plan.overage_cap_gb:
        cap = plan.overage_cap_gb
        return (cap - base) * rate + (used_gb - cap) * premium
    elif used_gb > base:
        return (used_gb - base) * rate
    return Decimal(0)
