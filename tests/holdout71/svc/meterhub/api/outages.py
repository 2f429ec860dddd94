from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from ..deps import CustomerDep, SessionDep, require_staff
from ..errors import NotFound
from ..models import Premise
from ..repositories.accounts import AccountRepository
from ..services.outage_service import OutageService
from ..ws.hub import map_state

router = APIRouter(tags=["outages"])


class OutageReportIn(BaseModel):
    account_id: int
    message: str | None = Field(default=None, max_length=500)


class ResolveIn(BaseModel):
    cause: str = Field(min_length=3, max_length=200)


def _service(request: Request, session) -> OutageService:
    return OutageService(session, request.app.state.redis, request.app.state.geocoder)


@router.post("/portal/outages/report", status_code=201)
async def report_outage(body: OutageReportIn, request: Request, customer: CustomerDep, session: SessionDep) -> dict:
    account = await AccountRepository(session).get(body.account_id)
    if account is None or account.customer_id != customer.id:
        raise NotFound("account not found", account_id=body.account_id)
    premise = await session.get(Premise, account.premise_id)
    return await _service(request, session).report(customer.id, premise, body.message)


@router.get("/outages/map")
async def outage_map_snapshot() -> dict:
    return {
        "outages": list(map_state.outages.values()),
        "unassigned": sorted(map_state.unassigned),
    }


@router.get("/staff/outages/{outage_id}/reports", dependencies=[Depends(require_staff)])
async def outage_reports(outage_id: int, request: Request, session: SessionDep) -> list[dict]:
    return await _service(request, session).reports(outage_id)


@router.post("/staff/outages/{outage_id}/resolve", status_code=204, dependencies=[Depends(require_staff)])
async def resolve_outage(outage_id: int, body: ResolveIn, request: Request, session: SessionDep) -> None:
    await _service(request, session).resolve(outage_id, body.cause)
