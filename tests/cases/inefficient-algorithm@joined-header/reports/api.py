"""Routes that return the exports."""
from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

from reports.export import to_csv, to_lines, to_report, total_quantity

router = APIRouter()


@router.post("/export.csv")
async def export_csv(rows: list[dict]) -> PlainTextResponse:
    return PlainTextResponse(to_csv(rows))


@router.post("/report.txt")
async def report(rows: list[dict]) -> PlainTextResponse:
    return PlainTextResponse(to_report(rows) + to_lines(rows) + str(total_quantity(rows)))
