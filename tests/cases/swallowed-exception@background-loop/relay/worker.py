import asyncio
import json
import logging

import redis.asyncio as redis

log = logging.getLogger(__name__)


class ThumbnailRelay:
    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    async def handle(self, job: dict) -> None:
        await self.client.hset(f"thumb:{job['id']}", mapping={"state": "done"})

    async def announce(self, job_id: str) -> None:
        try:
            await self.client.publish("thumbs", job_id)
        except redis.RedisError:  # expect: swallowed-exception
            pass

    async def run(self) -> None:
        while True:
            item = await self.client.blpop("thumb-jobs", timeout=10)
            if item is None:
                continue
            job = json.loads(item[1])
            try:
                await self.handle(job)
            except Exception:  # expect: swallowed-exception
                continue
            await self.announce(job["id"])

    async def run_logged(self) -> None:
        while True:
            item = await self.client.blpop("thumb-jobs-hi", timeout=10)
            if item is None:
                continue
            try:
                await self.handle(json.loads(item[1]))
            except Exception:
                # look-alike: the failure is logged with its traceback
                log.exception("thumbnail job failed")
                continue


async def main() -> None:
    relay = ThumbnailRelay(redis.Redis())
    await asyncio.gather(relay.run(), relay.run_logged())
