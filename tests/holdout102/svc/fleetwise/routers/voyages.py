from __future__ import annotations

import asyncio
import subprocess
import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import Response
from sqlalchemy.ext.asyncio import AsyncSession

from fleetwise.db.engine import get_session
from fleetwise.deps import laytime_service, noon_report_service, ops_user, voyage_service
from fleetwise.domain.schemas import VoyagePlanIn
from fleetwise.services.laytime import LaytimeService, NoCharterParty
from fleetwise.services.noon_reports import NoonReportService
from fleetwise.services.voyages import VoyageNotFound, VoyageService
from fleetwise.settings import get_settings
from fleetwise.utils import geo

router = APIRouter(tags=["voyages"], dependencies=[Depends(ops_user)])


@router.post("/voyages", status_code=201)
async def plan_voyage(body: VoyagePlanIn, service: VoyageService = Depends(voyage_service)) -> dict:
    voyage = await service.plan(body)
    return {"id": voyage.id, "voyage_no": voyage.voyage_no, "eta": voyage.eta}


@router.post("/voyages/{voyage_id}/start")
async def start_voyage(voyage_id: int, service: VoyageService = Depends(voyage_service)) -> dict:
    try:
        voyage = await service.start(voyage_id)
    except VoyageNotFound:
        raise HTTPException(404, "voyage not found") from None
    return {"id": voyage.id, "status": voyage.status}


@router.get("/vessels/{vessel_id}/voyages/board")
async def voyage_board(vessel_id: int, service: VoyageService = Depends(voyage_service)) -> list[dict]:
    return await service.vessel_board(vessel_id)


@router.get("/vessels/{vessel_id}/voyages/history")
async def voyage_history(vessel_id: int, service: VoyageService = Depends(voyage_service)) -> list[dict]:
    return await service.vessel_history(vessel_id)


@router.get("/voyages/{voyage_id}/weather")
async def route_weather(voyage_id: int, service: VoyageService = Depends(voyage_service)) -> list[dict]:
    return await service.route_weather(voyage_id)


@router.get("/voyages/{voyage_id}/departure-weather")
async def departure_weather(voyage_id: int, service: VoyageService = Depends(voyage_service)) -> dict:
    try:
        return await service.departure_weather(voyage_id)
    except VoyageNotFound:
        raise HTTPException(404, "voyage has no route") from None


@router.get("/tools/distance")
async def distance(
    lat1: float = Query(ge=-90, le=90), lon1: float = Query(ge=-180, le=180),
    lat2: float = Query(ge=-90, le=90), lon2: float = Query(ge=-180, le=180),
    speed_kn: float = Query(12.0, gt=0),
) -> dict:
    nm = geo.distance_nm(lat1, lon1, lat2, lon2)
    return {"distance_nm": round(nm, 1), "hours": round(geo.great_circle_hours(nm, speed_kn), 1)}


@router.get("/voyages/{voyage_id}/noon-summary")
async def noon_summary(voyage_id: int, service: NoonReportService = Depends(noon_report_service)) -> dict:
    return await service.voyage_summary(voyage_id)


@router.get("/voyages/{voyage_id}/laytime/preview")
async def laytime_preview(voyage_id: int, service: LaytimeService = Depends(laytime_service)) -> dict:
    try:
        statement = await service.preview(voyage_id)
    except NoCharterParty:
        raise HTTPException(404, "no charter party for voyage") from None
    return statement.__dict__


@router.get("/voyages/{voyage_id}/laytime/statement.pdf")
async def laytime_pdf(voyage_id: int, service: LaytimeService = Depends(laytime_service)) -> Response:
    settings = get_settings()
    try:
        statement = await service.final(voyage_id)
    except NoCharterParty:
        raise HTTPException(404, "no charter party for voyage") from None
    template_path = Path(settings.statement_template_dir) / "laytime.html"
    template = await asyncio.to_thread(template_path.read_text, encoding="utf-8")
    html = template.format(voyage_id=voyage_id, **statement.__dict__)
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "s.html", Path(tmp) / "s.pdf"
        src.write_text(html, encoding="utf-8")
        subprocess.run([settings.wkhtmltopdf_bin, "--quiet", str(src), str(out)], check=True, timeout=60)
        pdf = out.read_bytes()
    return Response(pdf, media_type="application/pdf")


@router.get("/laytime/templates")
def list_templates() -> list[str]:
    root = Path(get_settings().statement_template_dir)
    return sorted(p.name for p in root.glob("*.html"))
