"""NDVI tile builder: consumes imagery:process from the redis stream."""
from __future__ import annotations

import redis.exceptions

from fieldwise.db.engine import SessionFactory
from fieldwise.logging_setup import get_logger
from fieldwise.services.container import Services
from fieldwise.services.imagery import ImageryService
from fieldwise.workers.runtime import worker_services

log = get_logger(__name__)

STREAM = "imagery:process"
GROUP = "tile-builders"


async def ensure_group(deps: Services) -> None:
    try:
        await deps.redis.xgroup_create(STREAM, GROUP, id="0", mkstream=True)
    except redis.exceptions.ResponseError as exc:
        if "BUSYGROUP" not in str(exc):
            raise


async def consume(deps: Services, consumer: str) -> None:
    while True:
        batches = await deps.redis.xreadgroup(GROUP, consumer, {STREAM: ">"}, count=4, block=5000)
        for _stream, messages in batches or []:
            for message_id, fields in messages:
                async with SessionFactory() as session:
                    mean = await ImageryService(session, deps).process(int(fields["scene_id"]))
                    await session.commit()
                await deps.redis.xack(STREAM, GROUP, message_id)
                log.info("tiles.processed", scene_id=fields["scene_id"], ndvi_mean=round(mean, 3))


async def main() -> None:
    import socket

    async with worker_services() as deps:
        await ensure_group(deps)
        consumer = socket.gethostname()
        while True:
            try:
                await consume(deps, consumer)
            except Exception:
                log.exception("tiles.consumer_crashed")
