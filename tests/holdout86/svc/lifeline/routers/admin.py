from __future__ import annotations

from datetime import datetime
from pathlib import Path

from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse, JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from lifeline.deps import get_container, get_session, require_staff
from lifeline.errors import NotFound
from lifeline.services.container import Container
from lifeline.settings import get_settings
from lifeline.utils.files import list_exports

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_staff)])


@router.get("/exports")
def exports() -> list[str]:
    return list_exports(Path(get_settings().export_dir))


@router.get("/exports/{name}")
def download_export(name: str) -> FileResponse:
    directory = Path(get_settings().export_dir).resolve()
    target = (directory / name).resolve()
    if target.parent != directory or not target.is_file():
        raise NotFound("no such export")
    return FileResponse(target, media_type="text/csv")


@router.post("/exports/collections")
async def export_collections(
    start: datetime,
    end: datetime,
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> dict:
    path = await container.reports.collections_csv(session, start, end)
    return {"file": path.name}


@router.post("/donors/{donor_id}/certificate")
async def donor_certificate(
    donor_id: int,
    donations: int,
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
):
    try:
        path = await container.reports.donor_certificate(session, donor_id, donations)
    except FileNotFoundError:
        return JSONResponse({"message": "donor missing"}, status_code=404)
    return {"file": path.name}


@router.get("/archive/{year}")
async def archive(year: int, container: Container = Depends(get_container)) -> dict[str, int]:
    return await container.reports.archive_counts(year)


@router.post("/lots/{lot_number}/notify")
async def notify_recall(
    lot_number: str, session: AsyncSession = Depends(get_session), container: Container = Depends(get_container)
) -> dict[str, int]:
    return await container.recalls.notify(session, lot_number)
