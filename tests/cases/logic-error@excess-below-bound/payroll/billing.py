from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Plan:
    included_requests: int
    free_minutes: int
    overage_per_1k_cents: int


def overage_blocks(plan: Plan, used: int) -> int:
    overage = max(0, plan.included_requests - used)  # expect: logic-error
    return -(-overage // 1000)


def overage_minutes(plan: Plan, minutes: int) -> int:
    return max(0, minutes - plan.free_minutes)


def excess_charge(plan: Plan, used: int) -> int:
    over = max(0, used - plan.included_requests)
    return over * plan.overage_per_1k_cents


def overflow_slots(capacity_limit: int, max_batch: int) -> int:
    return max(0, capacity_limit - max_batch)


def over_quota(quota: int) -> int:
    return quota - 100
