"""PDF renders: every replica consumes the shared render queue, one job per pop."""
import asyncio

from redis.asyncio import Redis


class RenderConsumer:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._status: dict[str, str] = {}  # expect: stateful-component

    def status(self, job_id: str) -> str:
        return self._status.get(job_id, "unknown")

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            item = await self._redis.brpop(["renders"], timeout=5)
            if item is None:
                continue
            job_id = item[1].decode()
            self._status[job_id] = "rendering"
            await asyncio.sleep(0.1)
            self._status[job_id] = "done"
