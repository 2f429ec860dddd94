"""AIS position consumer: Kafka topic -> position_reports."""
from __future__ import annotations

import asyncio
import json
import logging
import signal

from aiokafka import AIOKafkaConsumer
from pydantic import ValidationError

from fleetwise.cache.redis_client import create_redis
from fleetwise.db.pg import create_pg_pool
from fleetwise.domain.schemas import PositionIn
from fleetwise.realtime.fleet_hub import FleetPublisher
from fleetwise.repositories.positions import PositionRepository
from fleetwise.services.positions import PositionService
from fleetwise.settings import get_settings

log = logging.getLogger(__name__)

BATCH_MAX = 500


async def _handle(service: PositionService, raw: bytes) -> None:
    try:
        items = [PositionIn.model_validate(p) for p in json.loads(raw)]
    except (ValueError, ValidationError):
        logger.warning("discarding undecodable AIS message (%d bytes)", len(raw))
        return
    await service.ingest(items, source="ais")


async def run() -> None:
    settings = get_settings()
    pool = await create_pg_pool()
    client = create_redis()
    service = PositionService(PositionRepository(pool), client, FleetPublisher(client))
    consumer = AIOKafkaConsumer(
        settings.ais_topic,
        bootstrap_servers=settings.broker_bootstrap,
        group_id=settings.ais_group,
        enable_auto_commit=True,
        max_poll_records=BATCH_MAX,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await consumer.start()
    try:
        async for record in consumer:
            asyncio.create_task(_handle(service, record.value))
            if stop.is_set():
                break
    finally:
        await consumer.stop()
        await pool.close()
        await client.aclose()
