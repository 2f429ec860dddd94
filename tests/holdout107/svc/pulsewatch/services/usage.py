from __future__ import annotations

from uuid import UUID

from redis.asyncio import Redis

from pulsewatch.errors import QuotaExceeded
from pulsewatch.repositories.organisations import OrganisationRepository
from pulsewatch.timeutil import utcnow

_MONTH_S = 32 * 24 * 3600


class UsageService:
    def __init__(self, redis: Redis, orgs: OrganisationRepository) -> None:
        self._redis = redis
        self._orgs = orgs

    @staticmethod
    def _period() -> str:
        return utcnow().strftime("%Y%m")

    async def reserve_sms(self, org_id: UUID) -> None:
        """Counts an SMS against the plan's monthly allowance, then prepaid credits."""
        key = f"pw:usage:sms:{org_id}:{self._period()}"
        quota = await self._orgs.sms_quota(org_id)
        used = int(await self._redis.get(key) or 0)
        if used < quota:
            await self._redis.set(key, used + 1, ex=_MONTH_S)
            return
        remaining = await self._orgs.consume_sms_credit(org_id)
        if remaining is None:
            raise QuotaExceeded("SMS allowance exhausted for this month", details={"quota": quota})

    async def count_api_call(self, org_id: UUID) -> int:
        key = f"pw:usage:api:{org_id}:{self._period()}"
        pipe = self._redis.pipeline(transaction=True)
        pipe.incr(key)
        pipe.expire(key, _MONTH_S)
        count, _ = await pipe.execute()
        return int(count)

    async def sms_used(self, org_id: UUID) -> int:
        return int(await self._redis.get(f"pw:usage:sms:{org_id}:{self._period()}") or 0)
