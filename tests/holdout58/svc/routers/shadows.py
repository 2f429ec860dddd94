from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel

from .. import deps
from ..services.presence import PresenceService
from ..services.shadow_service import ShadowService
from ..utils.errors import ShadowConflict

router = APIRouter(prefix="/devices/{device_id}/shadow", tags=["shadows"])


class DesiredPatch(BaseModel):
    desired: dict
    version: int


@router.get("")
async def read_shadow(
    device_id: str,
    service: ShadowService = Depends(deps.shadow_service),
    presence: PresenceService = Depends(deps.presence),
) -> dict:
    document = await service.get_document(device_id)
    document["online"] = await presence.is_online(device_id)
    return document


@router.patch("")
async def patch_desired(
    device_id: str,
    body: DesiredPatch,
    service: ShadowService = Depends(deps.shadow_service),
) -> dict:
    try:
        return await service.apply_delta(device_id, body.desired, body.version)
    except ShadowConflict as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc


@router.get("/delta")
async def read_delta(device_id: str, service: ShadowService = Depends(deps.shadow_service)) -> dict:
    document = await service.get_document(device_id)
    return {"delta": document["delta"], "version": document["version"]}
