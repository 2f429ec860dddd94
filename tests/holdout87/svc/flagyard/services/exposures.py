from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import redis.asyncio as redis
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Environment
from ..repositories.experiments import ExperimentRepository
from ..utils.jsonutil import dumps

MAX_BATCH = 1000


class ExposureEvent(BaseModel):
    model_config = {"frozen": True}

    event_id: uuid.UUID
    experiment_key: str = Field(max_length=128)
    variant: str = Field(max_length=64)
    user_key: str = Field(max_length=256)
    occurred_at: datetime


class ConversionEvent(BaseModel):
    event_id: uuid.UUID
    experiment_key: str
    user_key: str
    metric_key: str
    value: float = 1.0
    occurred_at: datetime


class ExposureIngestService:
    def __init__(self, session: AsyncSession, client: redis.Redis, stream: str) -> None:
        self._experiments = ExperimentRepository(session)
        self._redis = client
        self._stream = stream

    async def prepare(self, env: Environment, events: list[ExposureEvent]) -> list[dict[str, Any]]:
        deduped: list[ExposureEvent] = []
        for event in events:
            if event not in deduped:
                deduped.append(event)
        received = datetime.now(timezone.utc).isoformat()
        rows = []
        for event in deduped:
            experiment = await self._experiments.get_by_key(env.id, event.experiment_key)
            if experiment is None or experiment.status != "running":
                continue
            rows.append(
                {
                    "kind": "exposure",
                    "experiment_id": str(experiment.id),
                    "variant": event.variant,
                    "user_key": event.user_key,
                    "occurred_at": event.occurred_at.isoformat(),
                    "event_id": str(event.event_id),
                    "received_at": received,
                }
            )
        return rows

    async def prepare_conversions(self, env: Environment, events: list[ConversionEvent]) -> list[dict[str, Any]]:
        experiments = await self._experiments.get_many_by_keys(env.id, (e.experiment_key for e in events))
        rows = []
        for event in events:
            experiment = experiments.get(event.experiment_key)
            if experiment is None:
                continue
            rows.append(
                {
                    "kind": "conversion",
                    "experiment_id": str(experiment.id),
                    "user_key": event.user_key,
                    "metric_key": event.metric_key,
                    "value": event.value,
                    "occurred_at": event.occurred_at.isoformat(),
                    "event_id": str(event.event_id),
                }
            )
        return rows

    async def publish(self, rows: list[dict[str, Any]]) -> int:
        if not rows:
            return 0
        async with self._redis.pipeline(transaction=False) as pipe:
            for row in rows:
                pipe.xadd(self._stream, {"row": dumps(row)}, maxlen=5_000_000, approximate=True)
            await pipe.execute()
        return len(rows)
