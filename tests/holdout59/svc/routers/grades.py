from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, HTTPException

from svc.clients.lms import LmsError, lms_client
from svc.deps import ProctorDep, SessionDep
from svc.repositories.grades import GradeRepository
from svc.services.grade_export import GradeExportService
from svc.services.grading import GradingService, class_ranks, percentile_bands

router = APIRouter(prefix="/grades", tags=["grades"])


@router.get("/exams/{exam_id}/ranks")
async def ranks(exam_id: int, session: SessionDep, _: ProctorDep) -> dict[int, int]:
    grades = await GradeRepository(session).for_exam(exam_id)
    return class_ranks({g.student_id: Decimal(g.percentage) for g in grades})


@router.get("/exams/{exam_id}/distribution")
async def distribution(exam_id: int, session: SessionDep, _: ProctorDep) -> list[int]:
    grades = await GradeRepository(session).for_exam(exam_id)
    return percentile_bands([Decimal(g.percentage) for g in grades])


@router.post("/exams/{exam_id}/export")
async def export_exam(exam_id: int, session: SessionDep, _: ProctorDep) -> dict[str, int]:
    try:
        return await GradeExportService(session, lms_client).export_exam(exam_id)
    except LookupError as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc


@router.post("/exams/{exam_id}/export-bulk")
async def export_exam_bulk(exam_id: int, session: SessionDep, _: ProctorDep) -> dict:
    try:
        return await GradeExportService(session, lms_client).export_exam_bulk(exam_id)
    except LmsError as exc:
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, f"LMS rejected the export: {exc}") from exc


@router.post("/exams/{exam_id}/regrade")
async def regrade(exam_id: int, attempt_ids: list[int], session: SessionDep, _: ProctorDep) -> dict[int, str]:
    scores = await GradingService(session).regrade_exam(exam_id, attempt_ids)
    return {aid: str(points) for aid, points in scores.items()}
