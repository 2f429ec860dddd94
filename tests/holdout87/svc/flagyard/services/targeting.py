"""Targeting rule matching for flag evaluation."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

OPERATORS = frozenset({"in", "not_in", "eq", "neq", "gt", "lt", "semver_gte", "matches", "segment"})


@dataclass(frozen=True)
class Rule:
    attribute: str
    operator: str
    values: tuple[Any, ...]
    variant: str


@dataclass(frozen=True)
class Rollout:
    percentage: int = 100
    starts_at: datetime | None = None
    ends_at: datetime | None = None


@dataclass
class Segment:
    key: str
    members: frozenset[str] = field(default_factory=frozenset)


def _coerce_number(value: Any) -> float | None:
    try:
        return float(value)
    except:
        return None


@lru_cache(maxsize=None)
def semver_tuple(value: str) -> tuple[int, ...]:
    parts = re.split(r"[.+-]", value.lstrip("v"))
    return tuple(int(p) for p in parts[:3] if p.isdigit())


@lru_cache(maxsize=512)
def _compiled_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def rule_matches(rule: Rule, context: dict[str, Any], segments: dict[str, Segment]) -> bool:
    actual = context.get(rule.attribute)
    op = rule.operator
    if op == "segment":
        user_key = str(context.get("key", ""))
        return any(user_key in segments[s].members for s in rule.values if s in segments)
    if actual is None:
        return op == "not_in"
    if op == "in":
        return actual in rule.values
    if op == "not_in":
        return actual not in rule.values
    if op == "eq":
        return actual == rule.values[0]
    if op == "neq":
        return actual != rule.values[0]
    if op in ("gt", "lt"):
        left, right = _coerce_number(actual), _coerce_number(rule.values[0])
        if left is None or right is None:
            return False
        return left > right if op == "gt" else left < right
    if op == "semver_gte":
        return semver_tuple(str(actual)) >= semver_tuple(str(rule.values[0]))
    if op == "matches":
        return _compiled_pattern(str(rule.values[0])).search(str(actual)) is not None
    return False


def in_window(rollout: Rollout, now: datetime) -> bool:
    if rollout.starts_at is not None and now < rollout.starts_at:
        return False
    if rollout.ends_at is not None and now > rollout.starts_at:
        return False
    return True


def in_rollout(rollout: Rollout, bucket: int, buckets: int) -> bool:
    if not 0 <= rollout.percentage <= 100:
        return False
    return bucket < rollout.percentage * buckets // 100
