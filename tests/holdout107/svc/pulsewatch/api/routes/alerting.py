from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Request, status
from pydantic import BaseModel, Field
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from pulsewatch.api.deps import current_principal, get_session, require_admin
from pulsewatch.db.models import AlertChannel, EscalationPolicy, OncallSchedule
from pulsewatch.errors import NotFound, PulsewatchError
from pulsewatch.services.auth import Principal
from pulsewatch.services.oncall import OncallService

router = APIRouter(prefix="/v1", tags=["alerting"])

CHANNEL_KINDS = {"email", "sms", "slack", "webhook"}


class ChannelIn(BaseModel):
    kind: str
    target: str = Field(min_length=3, max_length=2048)
    config: dict[str, Any] = Field(default_factory=dict)


class PolicyStep(BaseModel):
    channel_ids: list[UUID] = Field(default_factory=list)
    schedule_ids: list[UUID] = Field(default_factory=list)
    delay_minutes: int = Field(default=10, ge=1, le=1440)


class PolicyIn(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    steps: list[PolicyStep] = Field(min_length=1, max_length=10)
    repeat_count: int = Field(default=0, ge=0, le=5)


class ScheduleIn(BaseModel):
    name: str
    timezone: str = "UTC"
    rotation: list[UUID] = Field(min_length=1)
    shift_hours: int = Field(default=168, ge=1, le=24 * 28)


class OverrideIn(BaseModel):
    user_id: UUID
    starts_at: datetime
    hours: int = Field(ge=1, le=24 * 14)


def _oncall(request: Request) -> OncallService:
    service = getattr(request.app.state, "oncall", None)
    if service is None:
        service = OncallService(request.app.state.session_factory)
        request.app.state.oncall = service
    return service


@router.get("/channels")
async def list_channels(principal: Principal = Depends(current_principal), session: AsyncSession = Depends(get_session)) -> list[dict]:
    result = await session.execute(select(AlertChannel).where(AlertChannel.org_id == principal.org_id).order_by(AlertChannel.created_at))
    return [{"id": str(c.id), "kind": c.kind, "target": c.target} for c in result.scalars()]


@router.post("/channels", status_code=status.HTTP_201_CREATED)
async def create_channel(
    body: ChannelIn, principal: Principal = Depends(require_admin), session: AsyncSession = Depends(get_session)
) -> dict:
    if body.kind not in CHANNEL_KINDS:
        raise PulsewatchError(f"kind must be one of {sorted(CHANNEL_KINDS)}")
    if body.kind == "slack" and "bot_token" not in body.config:
        raise PulsewatchError("slack channels need a bot_token")
    channel = AlertChannel(org_id=principal.org_id, kind=body.kind, target=body.target, config=body.config)
    session.add(channel)
    await session.commit()
    return {"id": str(channel.id), "kind": channel.kind, "target": channel.target}


@router.delete("/channels/{channel_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_channel(
    channel_id: UUID, principal: Principal = Depends(require_admin), session: AsyncSession = Depends(get_session)
) -> None:
    result = await session.execute(
        delete(AlertChannel).where(AlertChannel.id == channel_id, AlertChannel.org_id == principal.org_id)
    )
    if result.rowcount == 0:
        raise NotFound("channel not found")
    await session.commit()


@router.post("/policies", status_code=status.HTTP_201_CREATED)
async def create_policy(
    body: PolicyIn, principal: Principal = Depends(require_admin), session: AsyncSession = Depends(get_session)
) -> dict:
    channel_ids = {cid for step in body.steps for cid in step.channel_ids}
    if channel_ids:
        found = await session.execute(
            select(AlertChannel.id).where(AlertChannel.id.in_(channel_ids), AlertChannel.org_id == principal.org_id)
        )
        if len(found.all()) != len(channel_ids):
            raise PulsewatchError("unknown channel in policy")
    policy = EscalationPolicy(
        org_id=principal.org_id,
        name=body.name,
        steps=[step.model_dump(mode="json") for step in body.steps],
        repeat_count=body.repeat_count,
    )
    session.add(policy)
    await session.commit()
    return {"id": str(policy.id), "name": policy.name}


@router.post("/schedules", status_code=status.HTTP_201_CREATED)
async def create_schedule(
    body: ScheduleIn, principal: Principal = Depends(require_admin), session: AsyncSession = Depends(get_session)
) -> dict:
    schedule = OncallSchedule(
        org_id=principal.org_id, name=body.name, timezone=body.timezone, rotation=body.rotation, shift_hours=body.shift_hours
    )
    session.add(schedule)
    await session.commit()
    return {"id": str(schedule.id), "name": schedule.name}


@router.get("/schedules/current")
async def who_is_on_call(request: Request, principal: Principal = Depends(current_principal)) -> list[dict]:
    return await _oncall(request).current_for_org(principal.org_id)


@router.post("/schedules/{schedule_id}/overrides", status_code=status.HTTP_201_CREATED)
async def add_override(
    schedule_id: UUID, body: OverrideIn, request: Request, principal: Principal = Depends(require_admin)
) -> dict:
    return await _oncall(request).add_override(principal.org_id, schedule_id, body.user_id, body.starts_at, body.hours)
