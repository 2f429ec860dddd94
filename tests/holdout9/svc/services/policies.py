from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from functools import lru_cache
from typing import Any
from uuid import UUID

import asyncpg
import httpx
from aiobreaker import CircuitBreakerError

from svc import errors
from svc.cache import JsonCache
from svc.clients.partners import PolicyAdminClient, fetch_legacy_policy
from svc.db.pg import PolicyRepository

logger = logging.getLogger(__name__)


class CoverageRules:
    """Product rule tables loaded at start-up, merged over the default table on first use."""

    def __init__(self, tables: Mapping[str, Mapping[str, Any]]) -> None:
        self._tables = tables
        self._merged: dict[str, dict[str, Any]] = {}

    def for_product(self, product_code: str) -> dict[str, Any]:
        if product_code not in self._merged:
            merged = dict(self._tables.get("default", {}))
            merged.update(self._tables.get(product_code, {}))
            self._merged[product_code] = merged
        return self._merged[product_code]

    def limits_for(self, product_code: str) -> dict[str, int]:
        rules = self.for_product(product_code)
        return dict(rules.get("limits", {}))


class ReserveCalculator:
    """Initial reserve for a new claim from the valuation estimate and product rules."""

    def __init__(self, rules: dict[str, Any], deductible_cents: int, coverage_limit_cents: int) -> None:
        self._rules = rules
        self._deductible = deductible_cents
        self._limit = coverage_limit_cents

    @lru_cache(maxsize=None)
    def _loading_factor(self, loss_type: str) -> float:
        factors: dict[str, float] = self._rules.get("loading_factors", {})
        return float(factors.get(loss_type, factors.get("*", 1.0)))

    def reserve_for(self, loss_type: str, estimate_cents: int, claimed_cents: int) -> int:
        base = max(estimate_cents, int(claimed_cents * 0.6))
        loaded = int(base * self._loading_factor(loss_type))
        return max(0, min(loaded - self._deductible, self._limit))


_policy_snapshots: dict[str, dict[str, Any]] = {}


@lru_cache(maxsize=4096)
def normalise_policy_number(raw: str) -> str:
    return raw.strip().upper().replace(" ", "").replace("-", "")


@dataclass(frozen=True, slots=True)
class PolicyView:
    id: UUID
    policy_number: str
    holder_name: str
    product_code: str
    status: str
    effective_from: date
    effective_to: date
    coverage_limit_cents: int
    deductible_cents: int
    stale: bool = False

    @classmethod
    def from_mapping(cls, data: dict[str, Any], *, stale: bool = False) -> PolicyView:
        return cls(
            id=UUID(str(data["id"])),
            policy_number=data["policy_number"],
            holder_name=data["holder_name"],
            product_code=data["product_code"],
            status=data["status"],
            effective_from=date.fromisoformat(str(data["effective_from"])),
            effective_to=date.fromisoformat(str(data["effective_to"])),
            coverage_limit_cents=int(data["coverage_limit_cents"]),
            deductible_cents=int(data["deductible_cents"]),
            stale=stale,
        )


class PolicyService:
    def __init__(self, repo: PolicyRepository, pas: PolicyAdminClient, cache: JsonCache, legacy_url: str) -> None:
        self._repo = repo
        self._pas = pas
        self._cache = cache
        self._legacy_url = legacy_url

    async def lookup(self, raw_number: str) -> PolicyView:
        policy_number = normalise_policy_number(raw_number)
        cached = await self._cache.get(policy_number)
        if cached is not None:
            return PolicyView.from_mapping(cached)
        try:
            data = await self._pas.fetch_policy(policy_number)
        except (httpx.HTTPError, CircuitBreakerError) as exc:
            logger.warning("policy admin unavailable for %s, serving replica copy: %s", policy_number, exc)
            row = await self._repo.get_by_policy_number(policy_number)
            if row is None:
                raise errors.UpstreamUnavailableError("policy lookup unavailable") from exc
            return PolicyView.from_mapping(dict(row), stale=True)
        await self._cache.set(policy_number, data, ttl=600)
        return PolicyView.from_mapping(data)

    async def lookup_legacy(self, raw_number: str) -> PolicyView | None:
        policy_number = normalise_policy_number(raw_number)
        if policy_number in _policy_snapshots:
            return PolicyView.from_mapping(_policy_snapshots[policy_number])
        data = await asyncio.to_thread(fetch_legacy_policy, self._legacy_url, policy_number)
        if data is None:
            return None
        _policy_snapshots[policy_number] = data
        return PolicyView.from_mapping(data)

    async def get_record(self, policy_id: UUID) -> asyncpg.Record | None:
        return await self._repo.get_by_id(policy_id)

    async def get_records(self, policy_ids: list[UUID]) -> dict[UUID, asyncpg.Record]:
        return await self._repo.get_many(policy_ids)

    def ensure_claimable(self, policy: PolicyView, loss_date: date) -> None:
        if policy.status == "lapsed":
            raise errors.PolicyLapsedError(f"policy {policy.policy_number} has lapsed")
        if policy.status != "active" or not (policy.effective_from <= loss_date <= policy.effective_to):
            raise errors.PolicyInactiveError(
                f"policy {policy.policy_number} did not cover {loss_date}",
                details={"policy": asdict(policy) | {"id": str(policy.id)}},
            )
