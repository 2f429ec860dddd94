"""Reliable job queue on redis lists (LPUSH / BLMOVE into a processing list)."""
from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field

from redis.asyncio import Redis


@dataclass(slots=True)
class Job:
    kind: str
    payload: dict
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    attempts: int = 0
    enqueued_at: float = field(default_factory=time.time)

    def dumps(self) -> str:
        return json.dumps(
            {"id": self.id, "kind": self.kind, "payload": self.payload, "attempts": self.attempts, "ts": self.enqueued_at}
        )

    @classmethod
    def loads(cls, raw: str) -> "Job":
        data = json.loads(raw)
        return cls(kind=data["kind"], payload=data["payload"], id=data["id"], attempts=data["attempts"], enqueued_at=data["ts"])


class JobQueue:
    def __init__(self, redis: Redis, name: str, max_attempts: int = 5) -> None:
        self._redis = redis
        self.name = name
        self._pending = f"q:{name}:pending"
        self._processing = f"q:{name}:processing"
        self._dead = f"q:{name}:dead"
        self.max_attempts = max_attempts

    async def enqueue(self, kind: str, payload: dict) -> str:
        job = Job(kind=kind, payload=payload)
        await self._redis.lpush(self._pending, job.dumps())
        return job.id

    async def dequeue(self, wait: float = 5.0) -> tuple[Job, str] | None:
        raw = await self._redis.blmove(self._pending, self._processing, wait, "RIGHT", "LEFT")
        if raw is None:
            return None
        return Job.loads(raw), raw

    async def ack(self, raw: str) -> None:
        await self._redis.lrem(self._processing, 1, raw)

    async def retry(self, job: Job, raw: str) -> None:
        job.attempts += 1
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.lrem(self._processing, 1, raw)
            if job.attempts >= self.max_attempts:
                pipe.lpush(self._dead, job.dumps())
            else:
                pipe.lpush(self._pending, job.dumps())
            await pipe.execute()

    async def depth(self) -> int:
        return int(await self._redis.llen(self._pending))
