from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, HTTPException, UploadFile
from sqlalchemy.ext.asyncio import AsyncSession

from ..db import get_session
from ..web import UserId, state
from ..repositories.permit_repo import PermitRepository
from ..schemas import PermitIn, PermitOut
from ..services.permit_service import Application, PermitError

router = APIRouter(prefix="/api/v1/permits", tags=["permits"])
DB = Annotated[AsyncSession, Depends(get_session)]

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
ALLOWED_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png"})


@router.post("", response_model=PermitOut, status_code=201)
async def apply_for_permit(body: PermitIn, user_id: UserId, app_state=Depends(state)) -> PermitOut:
    try:
        permit = await app_state.permit_service.apply(
            Application(holder_id=user_id, plate=body.plate, zone_id=body.zone_id, kind=body.kind, start=body.start)
        )
    except PermitError as exc:
        raise HTTPException(status_code=409 if isinstance(exc, PermitConflict) else 400, detail=str(exc)) from exc
    return PermitOut.model_validate(permit)


@router.post("/{permit_id}/documents", status_code=201)
async def upload_document(
    permit_id: int, user_id: UserId, file: UploadFile = File(...), app_state=Depends(state)
) -> dict[str, str]:
    if file.content_type not in ALLOWED_TYPES:
        raise HTTPException(status_code=415, detail="unsupported document type")
    data = await file.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise HTTPException(status_code=413, detail="document too large")
    key = await app_state.permit_service.attach_document(permit_id, data, file.content_type)
    return {"document": key}


@router.get("/search", response_model=list[PermitOut])
async def search_permits(prefix: str, db: DB) -> list[PermitOut]:
    if len(prefix) < 2:
        raise HTTPException(status_code=400, detail="prefix too short")
    return [PermitOut.model_validate(p) for p in await PermitRepository(db).search_prefix(prefix.upper())]
