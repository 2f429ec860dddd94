from __future__ import annotations

from datetime import date
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import Response

from ..deps import operator_token
from ..settings import get_settings
from ..utils.reportfiles import report_path

router = APIRouter(prefix="/reports", tags=["reports"], dependencies=[Depends(operator_token)])


@router.get("/settlement/{site_code}/{day}")
def settlement_csv(site_code: str, day: date) -> Response:
    path: Path = report_path(get_settings().report_dir, site_code, day.isoformat())
    if not path.is_file():
        raise HTTPException(status_code=404, detail="report not generated yet")
    return Response(path.read_bytes(), media_type="text/csv")


@router.get("/settlement/{site_code}")
def list_reports(site_code: str) -> list[str]:
    folder = Path(get_settings().report_dir) / site_code
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.glob("settlement-*.csv"))
