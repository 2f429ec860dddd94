from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, EmailStr, Field

from zonekeep.api.deps import SessionDep
from zonekeep.core import ratelimit
from zonekeep.core.errors import RateLimited
from zonekeep.services.abuse import AbuseService

router = APIRouter(prefix="/v1/abuse", tags=["abuse"])


class AbuseIn(BaseModel):
    target: str = Field(max_length=253)
    reporter_email: EmailStr
    category: str
    details: str = ""


async def limit_reports(request: Request) -> None:
    ip = request.client.host if request.client else "unknown"
    if not await ratelimit.hit("abuse", ip, limit=10, window=3600):
        raise RateLimited("too many reports")


@router.post("", status_code=201, dependencies=[Depends(limit_reports)])
async def submit(body: AbuseIn, session: SessionDep) -> dict:
    report = await AbuseService(session).submit(body.target, body.reporter_email, body.category, body.details)
    return {"id": report.id, "status": report.status}


@router.get("/history")
async def history(reporter_email: EmailStr, session: SessionDep) -> list[dict]:
    reports = await AbuseService(session).history(reporter_email)
    return [{"id": r.id, "target": r.target, "status": r.status} for r in reports]
