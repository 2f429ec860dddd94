from __future__ import annotations

import asyncio
import json
import logging

from redis.asyncio import Redis

from arenaplay.clients.anticheat_vendor import GuardlineClient
from arenaplay.db.engine import SessionFactory
from arenaplay.db.pg import PgPool
from arenaplay.repositories.players import PlayerRepository
from arenaplay.repositories.reports import ReportRepository
from arenaplay.services.anticheat import AnticheatService
from arenaplay.settings import Settings

logger = logging.getLogger(__name__)

STREAM = "matches:ended"


async def report_processor_loop(redis: Redis, settings: Settings) -> None:
    pg = PgPool(settings)
    await pg.open()
    vendor = GuardlineClient(settings)
    last_id = "$"
    try:
        while True:
            batches = await redis.xread({STREAM: last_id}, count=20, block=5000)
            for _stream, entries in batches or []:
                for entry_id, fields in entries:
                    last_id = entry_id
                    telemetry = json.loads(fields.get("telemetry", "{}"))
                    async with SessionFactory() as db:
                        service = AnticheatService(ReportRepository(pg), PlayerRepository(db), vendor)
                        verdict = await service.review_match(fields["match_id"], telemetry)
                    logger.info("match %s reviewed: %s", fields["match_id"], verdict.get("summary"))
            await asyncio.sleep(0)
    finally:
        await vendor.close()
        await pg.close()
