from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, EmailStr

from ..repositories.applications import search_applications
from ..services.applications import ApplicationService
from ..services.underwriting import UnderwritingService
from .deps import application_service, current_user, require_underwriter, underwriting_service

router = APIRouter(prefix="/applications", tags=["applications"])


class BorrowerIn(BaseModel):
    first_name: str
    last_name: str
    email: EmailStr
    ssn: str
    monthly_income: float = 0


class ApplicationIn(BaseModel):
    loan_purpose: str
    loan_amount: float
    property_value: float
    property_state: str
    occupancy: str = "primary"
    borrower: BorrowerIn


@router.post("", status_code=201)
async def create_application(
    body: ApplicationIn,
    user: dict = Depends(current_user),
    svc: ApplicationService = Depends(application_service),
) -> dict[str, Any]:
    app = await svc.create(int(user["sub"]), body.model_dump())
    return {"id": app.id, "loan_number": app.loan_number}


@router.post("/{application_id}/co-borrowers", status_code=201)
async def add_co_borrower(
    application_id: int, body: BorrowerIn, svc: ApplicationService = Depends(application_service)
) -> dict[str, Any]:
    borrower = await svc.add_co_borrower(application_id, body.model_dump())
    return {"id": borrower.id}


@router.get("/pipeline")
async def pipeline(user: dict = Depends(current_user), svc: ApplicationService = Depends(application_service)) -> dict[str, Any]:
    return await svc.pipeline_summary(int(user["sub"]))


@router.get("/search")
async def search(q: str, user: dict = Depends(current_user)) -> list[dict[str, Any]]:
    return await search_applications(q)


@router.post("/{application_id}/underwrite")
async def underwrite(
    application_id: int,
    _: dict = Depends(require_underwriter),
    svc: UnderwritingService = Depends(underwriting_service),
) -> dict[str, Any]:
    return await svc.run(application_id)


@router.get("/underwriting/queue")
async def underwriting_queue(
    ids: str, _: dict = Depends(require_underwriter), svc: UnderwritingService = Depends(underwriting_service)
) -> list[dict[str, Any]]:
    return await svc.queue_overview([int(x) for x in ids.split(",") if x])
