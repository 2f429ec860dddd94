from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field

from ..deps import get_enrolment, get_forms, get_schedule
from ..security import CurrentUser, current_user, require_site
from ..services.enrolment import EnrolmentService
from ..services.forms import FormService
from ..services.schedule import ScheduleService

router = APIRouter(tags=["subjects"])


class ScreeningIn(BaseModel):
    initials: str = Field(min_length=2, max_length=4)
    birth_year: int = Field(ge=1900, le=2010)
    sex: str = Field(pattern="^[MFU]$")


class EnrolIn(BaseModel):
    strata: dict[str, str]


class WithdrawIn(BaseModel):
    reason: str


class VisitIn(BaseModel):
    actual_date: date


class FormIn(BaseModel):
    study_id: int
    site_id: int
    values: dict[str, str | None]


@router.post("/sites/{site_id}/subjects", status_code=201)
async def screen_subject(site_id: int, body: ScreeningIn, user: CurrentUser = Depends(current_user),
                         enrolment: EnrolmentService = Depends(get_enrolment)) -> dict[str, Any]:
    require_site(site_id, user)
    subject = await enrolment.screen(site_id, body.initials, body.birth_year, body.sex, user)
    return {"id": subject.id, "screening_number": subject.screening_number}


@router.post("/subjects/{subject_id}/enrol")
async def enrol_subject(subject_id: int, body: EnrolIn, user: CurrentUser = Depends(current_user),
                        enrolment: EnrolmentService = Depends(get_enrolment)) -> dict[str, Any]:
    try:
        subject = await enrolment.enrol(subject_id, body.strata, user)
    except Exception as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    return {"id": subject.id, "subject_number": subject.subject_number, "status": subject.status}


@router.post("/subjects/{subject_id}/withdraw")
async def withdraw_subject(subject_id: int, body: WithdrawIn, user: CurrentUser = Depends(current_user),
                           enrolment: EnrolmentService = Depends(get_enrolment)) -> dict[str, Any]:
    subject = await enrolment.withdraw(subject_id, body.reason, user)
    return {"id": subject.id, "status": subject.status}


@router.get("/subjects/{subject_id}")
async def subject_summary(subject_id: int, user: CurrentUser = Depends(current_user),
                          enrolment: EnrolmentService = Depends(get_enrolment)) -> dict[str, Any]:
    summary = await enrolment.summary(subject_id)
    require_site(summary["site_id"], user)
    return summary


@router.get("/subjects/{subject_id}/casebook")
async def casebook(subject_id: int, user: CurrentUser = Depends(current_user),
                   forms: FormService = Depends(get_forms)) -> list[dict[str, Any]]:
    return await forms.subject_casebook(subject_id)


@router.post("/visits/{visit_id}/complete")
async def complete_visit(visit_id: int, body: VisitIn, user: CurrentUser = Depends(current_user),
                         schedule: ScheduleService = Depends(get_schedule)) -> dict[str, Any]:
    visit = await schedule.record_visit(visit_id, body.actual_date)
    return {"id": visit.id, "status": visit.status}


@router.post("/visits/{visit_id}/forms/{form_code}", status_code=201)
async def submit_form(visit_id: int, form_code: str, body: FormIn, user: CurrentUser = Depends(current_user),
                      forms: FormService = Depends(get_forms)) -> dict[str, Any]:
    require_site(body.site_id, user)
    return await forms.submit(body.study_id, body.site_id, visit_id, form_code, body.values, user)
