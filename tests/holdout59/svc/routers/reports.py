from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from fastapi import APIRouter, HTTPException, Query, Request, Response, status

from svc.deps import ProctorDep
from svc.repositories.reports_sql import ReportError
from svc.services.reports import ReportService, integrity_report

if TYPE_CHECKING:
    from svc.repositories.reports_sql import ReportQueries

router = APIRouter(prefix="/reports", tags=["reports"])

MAX_RANGE = timedelta(days=31)


def _queries(request: Request) -> ReportQueries:
    return request.app.state.report_queries


@router.get("/exams/{exam_id}/summary")
async def summary(exam_id: int, request: Request, _: ProctorDep) -> dict:
    return await ReportService(_queries(request)).exam_summary(exam_id)


@router.get("/exams/{exam_id}/summary.pdf")
async def summary_pdf(exam_id: int, request: Request, _: ProctorDep) -> Response:
    pdf = await ReportService(_queries(request)).exam_summary_pdf(exam_id)
    return Response(pdf, media_type="application/pdf",
                     headers={"Content-Disposition": f'attachment; filename="exam-{exam_id}.pdf"'})


@router.get("/flags.csv")
async def flags_csv(request: Request, _: ProctorDep, start: datetime = Query(...), end: datetime = Query(...)) -> Response:
    if end <= start or end - start > MAX_RANGE:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "range must be positive and at most 31 days")
    body = await ReportService(_queries(request)).flags_csv(start, end)
    return Response(body, media_type="text/csv")


@router.get("/flags/{day}")
async def flags_on(day: date, request: Request, _: ProctorDep) -> list[dict]:
    return await ReportService(_queries(request)).flags_on(day)


@router.get("/submissions")
async def submissions(request: Request, _: ProctorDep, start: datetime = Query(...), end: datetime = Query(...)) -> list[dict]:
    try:
        return await ReportService(_queries(request)).submissions(start, end)
    except ReportError as exc:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, str(exc)) from exc


@router.post("/integrity")
async def integrity(attempt_ids: list[int], _: ProctorDep) -> list[dict]:
    if not attempt_ids or len(attempt_ids) > 500:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "between 1 and 500 attempts")
    return await integrity_report(attempt_ids)
