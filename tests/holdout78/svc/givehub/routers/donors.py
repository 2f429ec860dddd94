from __future__ import annotations

from datetime import datetime, timezone

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, EmailStr, Field

from ..container import Container
from ..db.models import Donor
from ..deps import current_donor, get_container, issue_token
from ..errors import NotFoundError

router = APIRouter(tags=["donors"])


class RegisterIn(BaseModel):
    email: EmailStr
    password: str = Field(min_length=10, max_length=128)
    full_name: str = Field(min_length=2, max_length=200)
    display_name: str = Field(default="", max_length=120)


class LoginIn(BaseModel):
    email: EmailStr
    password: str


@router.post("/accounts", status_code=201)
async def register(body: RegisterIn, container: Container = Depends(get_container)) -> dict:
    donor = await container.accounts.register(body.email, body.password, body.full_name, body.display_name)
    return {"id": donor.id, "token": issue_token(container.settings.session_secret, str(donor.id))}


@router.post("/sessions")
async def login(body: LoginIn, container: Container = Depends(get_container)) -> dict:
    donor = await container.accounts.login(body.email, body.password)
    return {"token": issue_token(container.settings.session_secret, str(donor.id))}


@router.get("/me/match-preview")
async def match_preview(
    amount_cents: int = Query(gt=0),
    donor: Donor = Depends(current_donor),
    container: Container = Depends(get_container),
) -> dict:
    if donor.employer_id is None:
        raise NotFoundError("no employer on file")
    employer = await container.pledges.employer(donor.employer_id)
    if employer is None:
        raise NotFoundError("employer not found")
    return await container.matching.preview(employer, amount_cents)


@router.get("/employers/{employer_id}/budget")
async def employer_budget(employer_id: int, container: Container = Depends(get_container)) -> dict:
    employer = await container.pledges.employer(employer_id)
    if employer is None:
        raise NotFoundError("employer not found")
    left = await container.match_budget.remaining(employer.id, employer.annual_cap_cents, datetime.now(timezone.utc))
    return {"employer_id": employer.id, "remaining_cents": left}
