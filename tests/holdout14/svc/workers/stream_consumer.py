"""Consumes usage events published by tenant SDKs onto the message stream."""
from __future__ import annotations

import json
import logging
from datetime import datetime

from aiokafka import AIOKafkaConsumer

from svc.config import Settings
from svc.db.pool import Database
from svc.db.usage_repo import UsageRecord
from svc.services.ingestion import IngestionService

logger = logging.getLogger(__name__)


def _parse(raw: bytes) -> UsageRecord:
    body = json.loads(raw)
    return UsageRecord(
        tenant_id=int(body["tenant_id"]),
        meter=body["meter"],
        quantity=float(body["quantity"]),
        occurred_at=datetime.fromisoformat(body["occurred_at"]),
        idempotency_key=body["idempotency_key"],
        external_id=body.get("external_id"),
    )


class UsageStreamConsumer:
    def __init__(self, settings: Settings, db: Database, ingestion: IngestionService) -> None:
        self._db = db
        self._ingestion = ingestion
        self._consumer = AIOKafkaConsumer(
            settings.usage_topic,
            bootstrap_servers=settings.kafka_bootstrap,
            group_id="billing-usage",
            enable_auto_commit=False,
            max_poll_records=500,
        )

    async def run(self) -> None:
        await self._consumer.start()
        try:
            while True:
                batches = await self._consumer.getmany(timeout_ms=1000, max_records=500)
                for _tp, messages in batches.items():
                    for message in messages:
                        try:
                            record = _parse(message.value)
                        except (ValueError, KeyError):
                            continue
                        await self._ingestion.accept_from_stream(record)
                    await self._record_offsets(_tp.partition, messages[-1].offset)
                await self._consumer.commit()
        finally:
            await self._consumer.stop()

    async def _record_offsets(self, partition: int, offset: int) -> None:
        assert self._db.pool is not None
        async with self._db.pool.acquire() as conn:
            await conn.execute(
                "INSERT INTO stream_offsets (topic_partition, last_offset) VALUES ($1, $2) "
                "ON CONFLICT (topic_partition) DO UPDATE SET last_offset = EXCLUDED.last_offset",
                partition,
                offset,
            )
