"""Policy administration: lookups, coverage verification and the policy snapshot cache."""
from __future__ import annotations

import copy
import json
import logging
from datetime import date
from decimal import Decimal

import redis.asyncio as aioredis
from cachetools import TTLCache
from redis.exceptions import RedisError

from svc.db.engine import Database
from svc.db.models import Policy
from svc.repositories.policies import PolicyRepository
from svc.services.errors import NotCovered, NotFound

log = logging.getLogger(__name__)

_SNAPSHOT_TTL = 300


def _serialize(policy: Policy, coverages: list) -> dict:
    return {
        "id": policy.id,
        "policy_number": policy.policy_number,
        "holder_name": policy.holder_name,
        "product": policy.product,
        "status": policy.status,
        "effective_date": policy.effective_date.isoformat(),
        "expiration_date": policy.expiration_date.isoformat(),
        "coverages": [
            {"code": c.code, "limit": str(c.limit_amount), "deductible": str(c.deductible)} for c in coverages
        ],
    }


class PolicyService:
    def __init__(self, db: Database, redis: aioredis.Redis) -> None:
        self._db = db
        self._redis = redis
        self._local: TTLCache[str, dict] = TTLCache(maxsize=2048, ttl=60)

    async def snapshot(self, policy_number: str) -> dict:
        """Serialized policy with active coverages; cached in-process briefly and in redis."""
        cached = self._local.get(policy_number)
        if cached is not None:
            return copy.deepcopy(cached)
        try:
            raw = await self._redis.get(f"policy:snap:{policy_number}")
        except RedisError:
            log.warning("redis unavailable for policy snapshot %s", policy_number, exc_info=True)
            raw = None
        if raw is not None:
            data = json.loads(raw)
        else:
            async with self._db.session() as session:
                repo = PolicyRepository(session)
                policy = await repo.get_by_number(policy_number)
                if policy is None:
                    raise NotFound(f"policy {policy_number} not found")
                data = _serialize(policy, [c for c in policy.coverages if c.active])
            try:
                await self._redis.set(f"policy:snap:{policy_number}", json.dumps(data), ex=_SNAPSHOT_TTL)
            except RedisError as exc:
                log.warning("could not cache policy snapshot %s: %s", policy_number, exc)
        self._local[policy_number] = data
        return copy.deepcopy(data)

    async def invalidate(self, policy_number: str) -> None:
        self._local.pop(policy_number, None)
        await self._redis.delete(f"policy:snap:{policy_number}")

    async def verify_coverage(self, policy_number: str, loss_date: date, coverage_code: str) -> dict:
        snap = await self.snapshot(policy_number)
        if snap["status"] != "active":
            raise NotCovered(f"policy {policy_number} is {snap['status']}")
        effective = date.fromisoformat(snap["effective_date"])
        expires = date.fromisoformat(snap["expiration_date"])
        if loss_date < effective or loss_date > effective:
            raise NotCovered(f"loss date {loss_date} outside policy period ending {expires}")
        for coverage in snap["coverages"]:
            if coverage["code"] == coverage_code:
                return coverage
        raise NotCovered(f"coverage {coverage_code} not on policy {policy_number}")

    async def coverage_limits(self, policy_id: int, as_of: date) -> dict[str, Decimal]:
        """Limits per coverage after endorsements effective on ``as_of``."""
        key = f"policy:limits:{policy_id}"
        raw = await self._redis.get(key)
        if raw is not None:
            return {code: Decimal(v) for code, v in json.loads(raw).items()}
        async with self._db.session() as session:
            repo = PolicyRepository(session)
            coverages = await repo.coverages_for(policy_id)
            endorsements = await repo.endorsements(policy_id, as_of=as_of)
        limits = {c.code: c.limit_amount for c in coverages}
        for endorsement in endorsements:
            for code, new_limit in endorsement.changes.get("limits", {}).items():
                limits[code] = Decimal(str(new_limit))
        await self._redis.set(key, json.dumps({k: str(v) for k, v in limits.items()}), ex=3600)
        return limits
