"""Visit summary endpoints."""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Response
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import Settings, get_settings
from svc.db.base import get_session
from svc.services.summaries import SummaryService

router = APIRouter(prefix="/summaries", tags=["summaries"])


class SummaryRequest(BaseModel):
    notes: str
    prescriptions: list[str] = []


@router.post("/{booking_id}", status_code=201)
async def create_summary(
    booking_id: int,
    req: SummaryRequest,
    session: AsyncSession = Depends(get_session),
    settings: Settings = Depends(get_settings),
) -> dict:
    path = await SummaryService(session, settings).generate(booking_id, req.notes, req.prescriptions)
    return {"path": Path(path).name}


@router.post("/{booking_id}/preview")
async def preview_summary(
    booking_id: int,
    req: SummaryRequest,
    session: AsyncSession = Depends(get_session),
    settings: Settings = Depends(get_settings),
) -> Response:
    pdf = await SummaryService(session, settings).preview(booking_id, req.notes)
    return Response(content=pdf, media_type="application/pdf")


@router.get("/{booking_id}/download")
def download_summary(booking_id: int, settings: Settings = Depends(get_settings)) -> Response:
    path = Path(settings.summaries_dir) / f"{booking_id}.pdf"
    if not path.is_file():
        raise HTTPException(status_code=404, detail="summary not found")
    with open(path, "rb") as fh:
        content = fh.read()
    return Response(content=content, media_type="application/pdf")
