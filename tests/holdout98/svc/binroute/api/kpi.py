"""Council KPI exports."""
from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse, PlainTextResponse

from ..settings import get_settings
from .deps import get_container, require_dispatcher

router = APIRouter(prefix="/v1/kpi", tags=["kpi"], dependencies=[Depends(require_dispatcher)])


@router.get("/template", response_class=PlainTextResponse)
def export_template() -> str:
    path = get_settings().template_dir / "council_kpi_header.txt"
    with open(path, encoding="utf-8") as fh:
        return fh.read()


@router.post("/tonnage/{month}")
async def export_tonnage(month: date, container=Depends(get_container)) -> FileResponse:
    path = await container.kpi.write_tonnage_export(month)
    return FileResponse(path, media_type="text/csv", filename=path.name)


@router.get("/wards/{year}")
async def ward_lifts(year: int, container=Depends(get_container)) -> dict:
    return await container.kpi.ward_lift_matrix(year)


@router.get("/missed/{month}")
async def missed_rate(month: date, container=Depends(get_container)) -> list[dict]:
    return await container.kpi.missed_rate(month)


@router.get("/trucks/{month}")
async def truck_tonnage(month: date, container=Depends(get_container)) -> list[dict]:
    return await container.kpi.tonnage_by_truck(month)


@router.get("/collection-rate/{month}")
async def collection_rate(month: date, container=Depends(get_container)) -> dict[str, float]:
    return await container.kpi.collection_rate(month)
