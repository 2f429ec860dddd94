"""Compliance analyst and back-office HTTP API: review queue, case decisions, exports."""
from __future__ import annotations

import csv
import io
import uuid
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import PlainTextResponse

from ..container import Container
from ..deps import current_analyst, get_container, get_repos
from ..errors import ScreeningBlocked
from ..schemas import CaseDecision
from ..services.fees import FEE_TABLE
from ..services.transfers import Repos
from ..settings import get_settings

router = APIRouter(prefix="/v1/ops", tags=["ops"])


@router.get("/cases")
async def review_queue(
    analyst: str = Depends(current_analyst),
    repos: Repos = Depends(get_repos),
) -> list[dict]:
    cases = await repos.screening.queue()
    hits = await repos.screening.hits_for_cases([c.id for c in cases])
    by_case: dict[uuid.UUID, list[dict]] = {}
    for hit in hits:
        by_case.setdefault(hit.case_id, []).append({"list": hit.list_name, "name": hit.matched_name,
                                                    "score": hit.score})
    return [{"id": str(c.id), "transfer_id": str(c.transfer_id), "opened": c.created_at.isoformat(),
             "hits": by_case.get(c.id, [])} for c in cases]


@router.get("/transfers/{transfer_id}/case")
async def case_for_transfer(
    transfer_id: uuid.UUID,
    analyst: str = Depends(current_analyst),
    repos: Repos = Depends(get_repos),
) -> dict:
    case = await repos.screening.case_for_transfer(transfer_id)
    if case is None:
        raise HTTPException(status_code=404, detail="no case for transfer")
    return {"id": str(case.id), "status": case.status, "assigned_to": case.assigned_to, "notes": case.notes}


@router.post("/cases/{case_id}/decision")
async def decide(
    case_id: uuid.UUID,
    body: CaseDecision,
    analyst: str = Depends(current_analyst),
    repos: Repos = Depends(get_repos),
    container: Container = Depends(get_container),
) -> dict:
    transfer_id = await container.screening.decide(repos.screening, case_id, analyst, body.approve, body.note)
    if transfer_id is None:
        raise HTTPException(status_code=404, detail="case not found")
    try:
        await container.transfers.release_hold(repos, transfer_id, body.approve)
    except ScreeningBlocked:
        return {"case_id": str(case_id), "transfer": "rejected"}
    return {"case_id": str(case_id), "transfer": "released"}


admin_router = APIRouter(prefix="/v1/admin", tags=["admin"])


@admin_router.get("/fees.csv", response_class=PlainTextResponse)
async def export_fees(analyst: str = Depends(current_analyst)) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["corridor", "method", "percent", "fixed", "min_fee", "max_fee"])
    for (corridor, method), rule in sorted(FEE_TABLE.items()):
        writer.writerow([corridor, method, rule.percent, rule.fixed, rule.min_fee, rule.max_fee])
    return buf.getvalue()


@admin_router.get("/reports/{business_date}", response_class=PlainTextResponse)
def download_report(business_date: str, analyst: str = Depends(current_analyst)) -> str:
    report_dir: Path = get_settings().report_dir
    path = (report_dir / f"{business_date}.csv").resolve()
    if path.parent != report_dir.resolve() or not path.exists():
        raise HTTPException(status_code=404, detail="report not found")
    return path.read_text(encoding="utf-8")
