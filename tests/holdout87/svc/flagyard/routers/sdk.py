"""Endpoints called by client and server SDKs; the hottest path in the service."""
from __future__ import annotations

import hashlib
from typing import Any

from fastapi import APIRouter, Depends, Header, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Environment
from ..deps import get_session, sdk_environment
from ..errors import RateLimited
from ..repositories.flags import FlagRepository
from ..services.evaluation import EvaluationService
from ..services.experiments import ExperimentService
from ..services.metering import UsageMeter
from ..utils.jsonutil import dumps

router = APIRouter(prefix="/sdk/v1", tags=["sdk"])


class EvaluationContext(BaseModel):
    key: str = Field(min_length=1, max_length=256)
    attributes: dict[str, Any] = Field(default_factory=dict)


class AssignmentRequest(BaseModel):
    experiment: str
    user_key: str


def _evaluator(request: Request) -> EvaluationService:
    return request.app.state.evaluator


@router.post("/evaluate")
async def evaluate(
    context: EvaluationContext,
    request: Request,
    response: Response,
    if_none_match: str | None = Header(default=None),
    env: Environment = Depends(sdk_environment),
    session: AsyncSession = Depends(get_session),
    evaluator: EvaluationService = Depends(_evaluator),
) -> Any:
    if not request.app.state.sdk_limiter.allow(str(env.id)):
        raise RateLimited("sdk rate limit exceeded")
    ctx = {"key": context.key, **context.attributes}
    results = await evaluator.evaluate_all(env, FlagRepository(session), ctx)
    etag = hashlib.md5(dumps(results).encode()).hexdigest()
    if if_none_match == etag:
        return Response(status_code=304)
    response.headers["ETag"] = etag
    request.app.state.background.spawn(
        UsageMeter(request.app.state.redis).record_evaluations(env.id, len(results)), name="usage.evals"
    )
    return {"environment": env.key, "version": env.version, "flags": results}


@router.post("/assign")
async def assign(
    body: AssignmentRequest,
    request: Request,
    env: Environment = Depends(sdk_environment),
    session: AsyncSession = Depends(get_session),
) -> dict[str, Any]:
    if not request.app.state.sdk_limiter.allow(str(env.id)):
        raise RateLimited("sdk rate limit exceeded")
    variant = await ExperimentService(session).assign(env, body.experiment, body.user_key)
    return {"experiment": body.experiment, "variant": variant, "enrolled": variant is not None}
