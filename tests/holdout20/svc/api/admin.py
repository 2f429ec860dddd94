"""Login and organisation administration endpoints."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated

import requests
from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, EmailStr, Field, HttpUrl
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import AgentPrincipal, get_redis, get_ticket_service, require_manager
from svc.config import get_settings
from svc.db.orm_repos import AgentRepository
from svc.db.session import get_session
from svc.errors import Unauthorized
from svc.services.email_ingest import INGEST_STATS
from svc.services.reporting import export_org_transcripts, tag_report
from svc.services.tickets import TicketService
from svc.workers.digest import last_run_at

router = APIRouter(tags=["admin"])

SESSION_TTL_SECONDS = 12 * 3600
PASSWORD_ITERATIONS = 600_000

Manager = Annotated[AgentPrincipal, Depends(require_manager)]


class LoginRequest(BaseModel):
    email: EmailStr
    password: str = Field(min_length=8, max_length=256)


class BulkClose(BaseModel):
    ticket_ids: list[int] = Field(min_length=1, max_length=1000)


class EndpointCheck(BaseModel):
    url: HttpUrl


def _verify_password(password: str, salt: bytes, expected: bytes) -> bool:
    candidate = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PASSWORD_ITERATIONS)
    return hmac.compare_digest(candidate, expected)


@router.post("/auth/login")
async def login(
    body: LoginRequest,
    session: Annotated[AsyncSession, Depends(get_session)],
    redis: Annotated[Redis, Depends(get_redis)],
) -> dict[str, str]:
    agent = await AgentRepository(session).by_email(str(body.email))
    if agent is None or not agent.is_active:
        raise Unauthorized("invalid credentials")
    if not await asyncio.to_thread(_verify_password, body.password, agent.password_salt, agent.password_hash):
        raise Unauthorized("invalid credentials")
    token = secrets.token_urlsafe(32)
    principal = {"agent_id": agent.id, "org_id": agent.org_id, "is_manager": agent.is_manager}
    await redis.set(f"session:{token}", json.dumps(principal), ex=SESSION_TTL_SECONDS)
    return {"token": token}


@router.post("/admin/tickets/close")
async def bulk_close(body: BulkClose, manager: Manager, tickets: Annotated[TicketService, Depends(get_ticket_service)]) -> dict[str, int]:
    return {"closed": await tickets.close_bulk(manager.org_id, body.ticket_ids)}


@router.post("/admin/tickets/reindex")
async def reindex(body: BulkClose, manager: Manager, tickets: Annotated[TicketService, Depends(get_ticket_service)]) -> dict[str, int]:
    return {"indexed": await tickets.reindex(manager.org_id, body.ticket_ids)}


@router.post("/admin/tickets/auto-assign")
async def auto_assign(manager: Manager, tickets: Annotated[TicketService, Depends(get_ticket_service)]) -> dict[str, int]:
    return {"assigned": await tickets.auto_assign(manager.org_id)}


@router.post("/admin/webhooks/check")
def check_endpoint(body: EndpointCheck, manager: Manager) -> dict[str, int]:
    """Lets an admin verify that a webhook URL answers before saving it."""
    response = requests.get(str(body.url), allow_redirects=False)
    return {"status": response.status_code}


@router.get("/admin/runbook", response_class=PlainTextResponse)
def runbook(manager: Manager) -> str:
    return Path(get_settings().runbook_path).read_text(encoding="utf-8")


@router.get("/admin/sla/cache")
def sla_cache(request: Request, manager: Manager) -> dict[str, dict[str, float]]:
    return request.app.state.sla.snapshot()


@router.get("/admin/exports/transcripts")
async def export_transcripts(manager: Manager) -> Response:
    payload = await export_org_transcripts(get_settings(), manager.org_id)
    return Response(payload, media_type="text/csv", headers={"Content-Disposition": "attachment; filename=transcripts.csv"})


@router.get("/admin/reports/tags")
async def tags_report(manager: Manager, session: Annotated[AsyncSession, Depends(get_session)], days: int = 30) -> dict[str, int]:
    return await tag_report(session, manager.org_id, datetime.now(UTC) - timedelta(days=min(days, 90)))


@router.get("/admin/workers")
async def worker_status(manager: Manager) -> dict[str, object]:
    last = last_run_at()
    return {"digest_last_run": last.isoformat() if last else None, "ingest": dict(INGEST_STATS)}
