from __future__ import annotations

import uuid
from typing import Any

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from ..cache.flag_cache import FlagCache
from ..cache.locks import LockRegistry
from ..db.models import Environment, Flag
from ..errors import FlagNotFound
from ..principal import Principal
from ..repositories.flags import FlagRepository
from ..utils.jsonutil import dumps
from .audit import AuditService
from .environments import EnvironmentService

MUTABLE_FIELDS = frozenset({"description", "enabled", "default_variant", "variants", "rollout"})


class FlagService:
    def __init__(
        self,
        session: AsyncSession,
        cache: FlagCache,
        locks: LockRegistry,
        audit: AuditService,
        publisher: redis.Redis,
        channel: str,
    ) -> None:
        self._session = session
        self._repo = FlagRepository(session)
        self._cache = cache
        self._locks = locks
        self._audit = audit
        self._environments = EnvironmentService(session, locks)
        self._publisher = publisher
        self._channel = channel

    async def list_flags_with_rules(self, environment_id: uuid.UUID) -> list[dict[str, Any]]:
        flags = await self._repo.list_for_env(environment_id)
        out = []
        for flag in flags:
            rules = await self._repo.rules_for_flag(flag.id)
            out.append({"key": flag.key, "enabled": flag.enabled, "version": flag.version, "rules": len(rules)})
        return out

    async def create_flag(self, env: Environment, key: str, principal: Principal, **fields: Any) -> Flag:
        flag = await self._repo.create(env.id, key, **fields)
        await self._session.commit()
        await self._audit.record(principal, "flag.created", "flag", key, {"fields": sorted(fields)})
        return flag

    async def update_flag(
        self, env: Environment, key: str, changes: dict[str, Any], principal: Principal
    ) -> Flag:
        unknown = set(changes) - MUTABLE_FIELDS
        if unknown:
            raise ValueError(f"immutable fields: {sorted(unknown)}")
        async with self._locks.for_env(env.id):
            flag = await self._repo.get_for_update(env.id, key)
            if flag is None:
                raise FlagNotFound(key)
            for name, value in changes.items():
                setattr(flag, name, value)
            flag.version = flag.version + 1
            await self._environments.bump_version(env.id)
            await self._cache.invalidate(env.project_id, env.id)
            await self._session.commit()
        await self._audit.record_event(principal, "flag.updated", key, changes)
        await self._publish(env, flag)
        return flag

    async def archive_flag(self, env: Environment, key: str, principal: Principal) -> None:
        flag = await self._repo.get_by_key(env.id, key)
        if flag is None:
            raise FlagNotFound(key)
        await self._repo.mark_archived(flag.id)
        await self._session.commit()
        await self._cache.invalidate(env.project_id, environment_id=env.id)
        await self._audit.record(principal, "flag.archived", "flag", key, {})
        await self._publish(env, flag)

    async def _publish(self, env: Environment, flag: Flag) -> None:
        message = {"environment_id": str(env.id), "flag": flag.key, "version": flag.version}
        await self._publisher.publish(self._channel, dumps(message))
