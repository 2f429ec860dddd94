"""Pathologist review queue endpoints."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, status
from pydantic import BaseModel

from ..db.pg import connection
from ..repos.results_repo import ResultsRepo
from ..repos.review_repo import CaseAlreadyClaimed, ReviewRepo
from ..repos.samples_repo import SamplesRepo
from ..security import StaffPrincipal, require_role
from ..services.review_queue import NotClaimedByYou, ReviewService
from . import review_service

router = APIRouter(prefix="/v1/review", tags=["review"])
pathologist = require_role("pathologist", "lab_director")


class SignOutIn(BaseModel):
    result_ids: list[int]
    comment: str | None = None


@router.get("/queue")
async def review_queue(limit: int = Query(50, le=200), staff: StaffPrincipal = Depends(pathologist)) -> list[dict]:
    async with connection() as conn:
        cases = await ReviewRepo(conn).pending(limit)
        samples = await SamplesRepo(conn).get_many([c["sample_id"] for c in cases])
        results_repo = ResultsRepo(conn)
        out = []
        for case in cases:
            sample = samples.get(case["sample_id"])
            results = await results_repo.fetch_for_sample(case["sample_id"])
            out.append({
                **case,
                "accession_no": sample.accession_no if sample else None,
                "abnormal": [r for r in results if r["flag"] in ("H", "L", "HH", "LL")],
            })
    return out


@router.post("/cases/next")
async def claim_next(staff: StaffPrincipal = Depends(pathologist), service: ReviewService = Depends(review_service)) -> dict:
    case = await service.claim_next(staff.email)
    if case is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "queue empty")
    return case


@router.post("/cases/{case_id}/claim")
async def claim(case_id: int, staff: StaffPrincipal = Depends(pathologist), service: ReviewService = Depends(review_service)) -> dict:
    try:
        return await service.claim(case_id, staff.email)
    except CaseAlreadyClaimed as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, "case already claimed") from exc


@router.post("/cases/{case_id}/sign-out", status_code=status.HTTP_204_NO_CONTENT)
async def sign_out(
    case_id: int,
    body: SignOutIn,
    staff: StaffPrincipal = Depends(pathologist),
    service: ReviewService = Depends(review_service),
) -> None:
    try:
        await service.sign_out(case_id, staff.email, body.result_ids, body.comment)
    except NotClaimedByYou as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, "case is not claimed by you") from exc
    except LookupError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such case") from exc


@router.post("/cases/{case_id}/release")
async def release(case_id: int, staff: StaffPrincipal = Depends(pathologist), service: ReviewService = Depends(review_service)) -> dict:
    return {"released": await service.release(case_id, staff.email)}
