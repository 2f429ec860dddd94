from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter

from archive.service import ArchiveService

router = APIRouter()
service = ArchiveService(Path("/srv/exports"))


@router.post("/exports/{export_id}/archive")
async def archive_export(export_id: str) -> dict[str, str]:
    await service.verify(export_id)
    path = await service.pack(export_id)
    return {"path": str(path), "manifest": await service.manifest(export_id, [path.name])}
