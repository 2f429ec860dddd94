import json
from typing import Any

from redis.asyncio import Redis

from uptime.auth import Principal


class MonitorRepository:
    def __init__(self, pool) -> None:
        self._pool = pool

    async def list_for_org(self, org_id) -> list[dict[str, Any]]:
        rows = await self._pool.fetch("SELECT id, name, team_id FROM monitors WHERE org_id = $1", org_id)
        return [dict(r) for r in rows]


class MonitorService:
    def __init__(self, redis: Redis, repo: MonitorRepository) -> None:
        self._redis = redis
        self._repo = repo

    async def list_for_user(self, principal: Principal) -> list[dict[str, Any]]:
        cache_key = f"monitors:{principal.org_id}"  # expect: cache-misuse
        cached = await self._redis.get(cache_key)
        if cached:
            return json.loads(cached)
        rows = await self._repo.list_for_org(principal.org_id)
        if not principal.is_admin:
            rows = [r for r in rows if r["team_id"] is None or r["team_id"] in principal.team_ids]
        await self._redis.set(cache_key, json.dumps(rows), ex=30)
        return rows

    async def list_for_org(self, principal: Principal) -> list[dict[str, Any]]:
        # correct: every member of the org sees the same list, so the org is the whole key
        cache_key = f"monitors:all:{principal.org_id}"
        cached = await self._redis.get(cache_key)
        if cached:
            return json.loads(cached)
        rows = await self._repo.list_for_org(principal.org_id)
        rows = [r for r in rows if r["name"]]
        await self._redis.set(cache_key, json.dumps(rows), ex=30)
        return rows

    async def list_for_member(self, principal: Principal) -> list[dict[str, Any]]:
        # correct: the key names the user whose teams filter the rows
        cache_key = f"monitors:{principal.org_id}:{principal.user_id}"
        cached = await self._redis.get(cache_key)
        if cached:
            return json.loads(cached)
        rows = await self._repo.list_for_org(principal.org_id)
        rows = [r for r in rows if r["team_id"] in principal.team_ids]
        await self._redis.set(cache_key, json.dumps(rows), ex=30)
        return rows
