from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from ..deps import SessionDep, require_staff
from ..errors import NotFound
from ..models import Outage
from ..repositories.outages import CrewRepository
from ..services.dispatch import DispatchService

router = APIRouter(prefix="/staff", tags=["dispatch"], dependencies=[Depends(require_staff)])
log = logging.getLogger(__name__)


class AssignIn(BaseModel):
    crew_id: str


class EtaIn(BaseModel):
    eta_minutes: int


def _dispatch(request: Request, session) -> DispatchService:
    return DispatchService(session, request.app.state.redis, request.app.state.sms)


@router.get("/crews")
async def crews_on_shift(session: SessionDep) -> list[dict]:
    crews = await CrewRepository(session).on_shift()
    return [{"id": c.id, "name": c.name, "depot": c.depot, "skills": c.skills} for c in crews]


@router.get("/crews/{crew_id}/jobs")
async def crew_jobs(crew_id: str, session: SessionDep) -> dict:
    repo = CrewRepository(session)
    crew = await repo.get(crew_id)
    if crew is None:
        return {"error": "crew not found", "crew_id": crew_id}
    jobs = await repo.jobs_for_crew(crew_id)
    return {"crew": crew.id, "jobs": [{"id": j.id, "outage_id": j.outage_id, "status": j.status} for j in jobs]}


@router.post("/outages/{outage_id}/assign")
async def assign(outage_id: int, body: AssignIn, request: Request, session: SessionDep, role: str = Depends(require_staff)) -> dict:
    job = await _dispatch(request, session).assign(outage_id, body.crew_id, dispatcher=role)
    return {"job_id": job.id, "crew_id": job.crew_id}


@router.post("/outages/{outage_id}/eta")
async def notify_eta(outage_id: int, body: EtaIn, request: Request, session: SessionDep) -> dict:
    outage = await session.get(Outage, outage_id)
    if outage is None:
        raise NotFound("outage not found", outage_id=outage_id)
    sent = await _dispatch(request, session).notify_customers_en_route(outage, body.eta_minutes)
    return {"notified": sent}
