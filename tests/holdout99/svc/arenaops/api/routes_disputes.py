from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from arenaops.api.deps import current_team, get_container, require_admin
from arenaops.container import Container
from arenaops.errors import NotFound

router = APIRouter(prefix="/disputes", tags=["disputes"])


class DisputeIn(BaseModel):
    match_id: int
    reason: str = Field(min_length=10, max_length=4000)


class ResolveIn(BaseModel):
    resolution: str = Field(min_length=3)


@router.post("")
async def open_dispute(body: DisputeIn, team_id: int = Depends(current_team),
                       container: Container = Depends(get_container)) -> dict:
    dispute_id = await container.disputes.open(body.match_id, team_id, body.reason)
    return {"dispute_id": dispute_id}


@router.post("/{dispute_id}/evidence")
async def upload_evidence(dispute_id: int, file: UploadFile = File(...), note: str = Form(""),
                          team_id: int = Depends(current_team),
                          container: Container = Depends(get_container)) -> dict:
    data = await file.read()
    evidence_id = await container.disputes.attach_evidence(
        dispute_id, file.filename or "upload.bin", file.content_type or "application/octet-stream", data
    )
    return {"evidence_id": evidence_id, "note": note}


@router.get("/{dispute_id}/evidence", dependencies=[Depends(require_admin)])
async def list_evidence(dispute_id: int, container: Container = Depends(get_container)):
    try:
        links = await container.disputes.evidence_links(dispute_id)
    except NotFound:
        return JSONResponse({"ok": False, "links": []}, status_code=200)
    return {"ok": True, "links": links}


@router.post("/{dispute_id}/resolve", dependencies=[Depends(require_admin)])
async def resolve(dispute_id: int, body: ResolveIn, container: Container = Depends(get_container)) -> dict:
    await container.disputes.resolve(dispute_id, body.resolution)
    return {"dispute_id": dispute_id, "status": "resolved"}
