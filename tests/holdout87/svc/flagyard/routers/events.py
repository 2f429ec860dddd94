"""Batch event ingestion from SDKs (exposures and conversions)."""
from __future__ import annotations

import asyncio

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Environment
from ..deps import get_session, sdk_environment
from ..services.exposures import MAX_BATCH, ConversionEvent, ExposureEvent, ExposureIngestService
from ..services.metering import UsageMeter

router = APIRouter(prefix="/sdk/v1/events", tags=["events"])


class ExposureBatch(BaseModel):
    events: list[ExposureEvent] = Field(max_length=MAX_BATCH)


class ConversionBatch(BaseModel):
    events: list[ConversionEvent] = Field(max_length=MAX_BATCH)


def _service(request: Request, session: AsyncSession) -> ExposureIngestService:
    settings = request.app.state.settings
    return ExposureIngestService(session, request.app.state.redis, settings.exposure_stream)


@router.post("/exposures", status_code=202)
async def ingest_exposures(
    batch: ExposureBatch,
    request: Request,
    env: Environment = Depends(sdk_environment),
    session: AsyncSession = Depends(get_session),
) -> dict[str, int]:
    service = _service(request, session)
    rows = await service.prepare(env, batch.events)
    asyncio.create_task(service.publish(rows))
    request.app.state.background.spawn(
        UsageMeter(request.app.state.redis).record_exposures(env.id, len(rows)), name="usage.exposures"
    )
    return {"accepted": len(rows)}


@router.post("/conversions", status_code=202)
async def ingest_conversions(
    batch: ConversionBatch,
    request: Request,
    env: Environment = Depends(sdk_environment),
    session: AsyncSession = Depends(get_session),
) -> dict[str, int]:
    service = _service(request, session)
    rows = await service.prepare_conversions(env, batch.events)
    accepted = await service.publish(rows)
    return {"accepted": accepted}
