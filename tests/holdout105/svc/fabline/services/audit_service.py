"""Append-only audit trail (file on the shared audit volume + redis stream)."""
from __future__ import annotations

import asyncio
import json
import logging

import redis.asyncio as aioredis

from fabline.utils.timeutil import utcnow

logger = logging.getLogger(__name__)


class AuditService:
    def __init__(self, redis: aioredis.Redis, path: str) -> None:
        self.redis = redis
        self.path = path

    def _line(self, actor: str, action: str, entity_id: int | str) -> str:
        return json.dumps(
            {"ts": utcnow().isoformat(), "actor": actor, "action": action, "entity": entity_id}
        )

    async def record(self, actor: str, action: str, entity_id: int | str) -> None:
        line = self._line(actor, action, entity_id)
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
        await self.redis.xadd("audit", {"line": line}, maxlen=100_000, approximate=True)

    def _append_many(self, lines: list[str]) -> None:
        with open(self.path, mode="a", encoding="utf-8") as fh:
            fh.writelines(line + "\n" for line in lines)

    async def record_many(self, actor: str, action: str, entity_ids: list[int]) -> None:
        lines = [self._line(actor, action, e) for e in entity_ids]
        await asyncio.to_thread(self._append_many, lines)
        async with self.redis.pipeline(transaction=False) as pipe:
            for line in lines:
                pipe.xadd("audit", {"line": line}, maxlen=100_000, approximate=True)
            await pipe.execute()
