import bz2
import gzip
import zlib

from fastapi import APIRouter, Response

from .exports import ledger_csv, summary_json, timesheet_lines

router = APIRouter()


@router.post("/ledger.csv.gz")
async def ledger(rows: list[dict]) -> Response:
    body, count = await ledger_csv(rows)
    packed = gzip.compress(body, compresslevel=9)  # expect: blocking-cpu-in-async
    return Response(packed, headers={"X-Rows": str(count)})


@router.post("/timesheets.bz2")
async def timesheets(entries: list[dict]) -> Response:
    raw = timesheet_lines(entries)
    return Response(bz2.compress(raw))  # expect: blocking-cpu-in-async


@router.post("/summary.z")
async def summary(totals: dict) -> Response:
    # one small document, not a result set built row by row
    return Response(zlib.compress(summary_json(totals)))


@router.post("/summary2.z")
async def summary_two(totals: dict) -> Response:
    data = summary_json(totals)
    return Response(zlib.compress(data))
