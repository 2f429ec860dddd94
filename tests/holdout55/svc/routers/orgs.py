from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.engine import get_session
from svc.deps import quota_service
from svc.repositories.builds import BuildRepository
from svc.repositories.jobs import JobRepository
from svc.repositories.misc import OrgRepository, RunnerRepository
from svc.services import notifications
from svc.services.quota import QuotaService
from svc.services.runner_auth import register_runner
from svc.ws.auth import sign_viewer_token

router = APIRouter(prefix="/api/orgs/{org_id}", tags=["orgs"])


class ConcurrencyUpdate(BaseModel):
    max_concurrency: int = Field(ge=1, le=500)


class RunnerCreate(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    labels: list[str] = ["linux"]


@router.put("/concurrency")
async def update_concurrency(
    org_id: int,
    body: ConcurrencyUpdate,
    session: AsyncSession = Depends(get_session),
    quota: QuotaService = Depends(quota_service),
) -> dict:
    if await OrgRepository(session).get(org_id) is None:
        raise HTTPException(status_code=404, detail="org not found")
    await quota.set_limit(session, org_id, body.max_concurrency)
    return {"org_id": org_id, "max_concurrency": body.max_concurrency}


@router.post("/notifications/mute/{channel}")
async def mute(org_id: int, channel: str) -> dict:
    notifications.mute_channel(channel)
    return {"muted": channel}


@router.delete("/notifications/mute/{channel}")
async def unmute(org_id: int, channel: str) -> dict:
    notifications.unmute_channel(channel)
    return {"unmuted": channel}


@router.post("/runners", status_code=201)
async def create_runner(org_id: int, body: RunnerCreate, session: AsyncSession = Depends(get_session)) -> dict:
    runner, credential = await register_runner(session, org_id, body.name, body.labels)
    return {"id": runner.id, "token": credential}


@router.get("/runners")
async def list_runners(org_id: int, session: AsyncSession = Depends(get_session)) -> list[dict]:
    runners = await RunnerRepository(session).list_for_org(org_id)
    return [{"id": r.id, "name": r.name, "status": r.status, "labels": r.labels} for r in runners]


@router.get("/stats/{day}")
async def daily_stats(org_id: int, day: date, session: AsyncSession = Depends(get_session)) -> dict:
    return {"day": day.isoformat(), "builds": await BuildRepository(session).daily_counts(org_id, day)}


@router.get("/usage")
async def usage(
    org_id: int,
    session: AsyncSession = Depends(get_session),
    quota: QuotaService = Depends(quota_service),
) -> dict:
    running = await JobRepository(session).count_running(org_id)
    limit = await quota.limit_for(session, org_id)
    return {
        "org_id": org_id,
        "running": running,
        "limit": limit,
        "available": max(0, limit - running),
        "org": await quota.org_summary(session, org_id),
    }


class ViewerTokenRequest(BaseModel):
    user: str = Field(min_length=1, max_length=100)
    ttl: int = Field(3600, ge=60, le=86400)


@router.post("/viewer-token")
async def viewer_token(org_id: int, body: ViewerTokenRequest, session: AsyncSession = Depends(get_session)) -> dict:
    if await OrgRepository(session).get(org_id) is None:
        raise HTTPException(status_code=404, detail="org not found")
    return {"token": sign_viewer_token(body.user, org_id, ttl=body.ttl), "expires_in": body.ttl}
