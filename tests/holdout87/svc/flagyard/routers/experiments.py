from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from ..deps import current_principal, get_session
from ..principal import Principal
from ..repositories.exposures import ExposureRepository
from ..services.experiments import ExperimentService
from ..services.stats import compute_variant_stats, quick_stats, summarize

router = APIRouter(prefix="/experiments", tags=["experiments"])

PAGE = 50_000


async def _load_exposures(repo: ExposureRepository, experiment_id: uuid.UUID) -> list[Any]:
    rows: list[Any] = []
    after = 0
    while True:
        page = await repo.exposures_for(experiment_id, after, PAGE)
        rows.extend(page)
        if len(page) < PAGE:
            return rows
        after = page[-1]["id"]


@router.get("/{experiment_id}")
async def get_experiment(
    experiment_id: uuid.UUID,
    principal: Principal = Depends(current_principal),
    session: AsyncSession = Depends(get_session),
) -> Any:
    experiment = await ExperimentService(session).get(experiment_id)
    return ExperimentService.describe(experiment)


@router.get("/{experiment_id}/summary")
async def experiment_summary(
    experiment_id: uuid.UUID,
    request: Request,
    principal: Principal = Depends(current_principal),
    session: AsyncSession = Depends(get_session),
) -> dict[str, Any]:
    experiment = await ExperimentService(session).get(experiment_id)
    repo = ExposureRepository(request.app.state.pg)
    counts = await repo.variant_counts(experiment.id)
    converted = await repo.converted_pairs(experiment.id, experiment.metric_key)
    return summarize(quick_stats(counts, converted))


@router.get("/{experiment_id}/results")
async def experiment_results(
    experiment_id: uuid.UUID,
    request: Request,
    principal: Principal = Depends(current_principal),
    session: AsyncSession = Depends(get_session),
) -> Any:
    service = ExperimentService(session)
    experiment = await service.get(experiment_id)
    if experiment.status == "draft":
        return JSONResponse({"error": "experiment has not started"}, status_code=404)
    repo = ExposureRepository(request.app.state.pg)
    exposures = await _load_exposures(repo, experiment.id)
    conversions = await repo.conversions_for(experiment.id, experiment.metric_key)
    stats = compute_variant_stats(exposures, conversions)
    return summarize(stats)


@router.get("/{experiment_id}/daily/{day}")
async def daily_exposures(
    experiment_id: uuid.UUID,
    day: date,
    request: Request,
    principal: Principal = Depends(current_principal),
    session: AsyncSession = Depends(get_session),
) -> dict[str, Any]:
    experiment = await ExperimentService(session).get(experiment_id)
    count = await ExposureRepository(request.app.state.pg).daily_exposures(experiment.id, day)
    return {"experiment": experiment.key, "day": day.isoformat(), "exposures": count}


@router.post("/{experiment_id}/status/{status}")
async def set_status(
    experiment_id: uuid.UUID,
    status: str,
    principal: Principal = Depends(current_principal),
    session: AsyncSession = Depends(get_session),
) -> dict[str, str]:
    await ExperimentService(session).transition(experiment_id, status)
    return {"status": status}
