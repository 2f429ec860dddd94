from __future__ import annotations

import json
from typing import Any

from redis.asyncio import Redis

from payflow.settings import get_settings


class ProgressPublisher:
    """Publishes pay-run progress to a redis channel that every web replica relays."""

    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        self.prefix = get_settings().progress_channel_prefix

    def channel(self, company_id: int) -> str:
        return f"{self.prefix}:{company_id}"

    async def publish(self, company_id: int, run_id: int, stage: str, done: int, total: int) -> None:
        message = {"run_id": run_id, "stage": stage, "done": done, "total": total}
        await self.redis.publish(self.channel(company_id), json.dumps(message))


class JobQueue:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        settings = get_settings()
        self.stream = settings.jobs_stream

    async def enqueue(self, kind: str, payload: dict[str, Any]) -> str:
        return await self.redis.xadd(
            self.stream,
            {"kind": kind, "payload": json.dumps(payload, default=str)},
            maxlen=100_000,
            approximate=True,
        )
