"""Sponsor export endpoints."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel

from svc import storage
from svc.api.deps import Container, feature_flags, get_container, require_role
from svc.config import Settings, get_settings
from svc.services.monitoring import Viewer

router = APIRouter(tags=["exports"])


class ExportIn(BaseModel):
    sponsor_code: str


@router.post("/studies/{study_id}/exports", status_code=status.HTTP_202_ACCEPTED)
async def request_export(
    study_id: int,
    body: ExportIn,
    c: Container = Depends(get_container),
    viewer: Viewer = Depends(require_role("data-manager")),
    flags: dict[str, bool] = Depends(feature_flags),
) -> dict[str, int]:
    if not flags.get("sponsor_exports", True):
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="exports are disabled")
    return {"job_id": await c.exports.request_export(study_id, body.sponsor_code, viewer.user_id)}


@router.get("/exports/{job_id}")
async def export_status(job_id: int, c: Container = Depends(get_container), _: Viewer = Depends(require_role("data-manager"))) -> dict[str, Any]:
    return await c.exports.job_status(job_id)


@router.post("/exports/{job_id}/rerun")
async def rerun_export(job_id: int, c: Container = Depends(get_container), _: Viewer = Depends(require_role("data-manager"))) -> dict[str, Any]:
    job = await c.exports.claim_for_rerun(job_id)
    delivery_id = await c.exports.run_job(job)
    return {"job_id": job_id, "delivery_id": delivery_id}


@router.get("/exports/{job_id}/manifest")
def export_manifest(job_id: int, study_code: str, settings: Settings = Depends(get_settings)) -> dict[str, Any]:
    path = storage.export_path(settings.export_dir, study_code, job_id).with_suffix(".manifest.json")
    try:
        return storage.read_manifest(Path(path))
    except FileNotFoundError as exc:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="manifest not found") from exc
