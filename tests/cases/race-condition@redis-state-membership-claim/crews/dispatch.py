"""Crew and bay states kept in redis."""
from fastapi import HTTPException
from redis.asyncio import Redis


class Busy(Exception):
    pass


class Dispatcher:
    def __init__(self, redis: Redis, jobs) -> None:
        self._redis = redis
        self._jobs = jobs

    async def send(self, crew_id: str, job_id: int) -> None:
        state = await self._redis.get(f"crew:{crew_id}")
        if state not in (None, "idle"):  # expect: race-condition
            raise Busy(crew_id)
        await self._jobs.assign(crew_id, job_id)
        await self._redis.set(f"crew:{crew_id}", "dispatched")

    async def send_claimed(self, crew_id: str, job_id: int) -> None:
        if not await self._redis.set(f"crew:{crew_id}:job", str(job_id), nx=True):
            raise Busy(crew_id)
        await self._jobs.assign(crew_id, job_id)


class Bays:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    async def occupy(self, bay: int, plate: str) -> None:
        mode = await self.redis.hget(f"bay:{bay}", "mode")
        if mode in {"occupied", "closed"}:  # expect: race-condition
            raise HTTPException(status_code=409, detail="bay not free")
        await self.redis.hset(f"bay:{bay}", "mode", "occupied")

    async def label(self, bay: int) -> str:
        mode = await self.redis.hget(f"bay:{bay}", "mode")
        if mode in {"closed"}:
            return "closed"
        return mode or "free"
