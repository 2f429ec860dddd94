from __future__ import annotations

import csv
import io
from pathlib import Path

from fastapi import APIRouter, Depends, File, UploadFile
from fastapi.responses import StreamingResponse
from sqlalchemy.ext.asyncio import AsyncSession

from fieldwise.deps import Principal, get_session, require_farm
from fieldwise.schemas.api import YieldRow
from fieldwise.services.yields import YieldService
from fieldwise.settings import get_settings

router = APIRouter(prefix="/v1/farms/{farm_id}/yields", tags=["yields"])


@router.get("/{year}", response_model=list[YieldRow])
async def yield_report(farm_id: int, year: int, _: Principal = Depends(require_farm),
                       session: AsyncSession = Depends(get_session)) -> list[YieldRow]:
    return await YieldService(session).report(farm_id, year)


@router.get("/{year}/benchmark")
async def yield_benchmark(farm_id: int, year: int, _: Principal = Depends(require_farm),
                          session: AsyncSession = Depends(get_session)):
    return await YieldService(session).benchmark(farm_id, year)


@router.post("/{year}/import", status_code=201)
async def import_yields(farm_id: int, year: int, file: UploadFile = File(...),
                        _: Principal = Depends(require_farm),
                        session: AsyncSession = Depends(get_session)) -> dict[str, int]:
    raw = await file.read()
    return {"imported": await YieldService(session).import_csv(farm_id, year, raw)}


@router.get("/{year}/template.csv")
def csv_template(farm_id: int, year: int, _: Principal = Depends(require_farm)) -> StreamingResponse:
    template = Path(get_settings().upload_dir) / "templates" / "yields.csv"
    if template.exists():
        body = template.read_text(encoding="utf-8")
    else:
        buf = io.StringIO()
        csv.writer(buf).writerow(["field_id", "crop_code", "tonnes", "moisture_pct"])
        body = buf.getvalue()
    return StreamingResponse(iter([body]), media_type="text/csv")
