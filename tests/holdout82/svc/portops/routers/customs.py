from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel

from portops.deps import get_customs
from portops.errors import CustomsApiError
from portops.services.customs_service import CustomsService

log = logging.getLogger(__name__)
router = APIRouter(prefix="/customs", tags=["customs"])


class ManifestSubmission(BaseModel):
    declarations: list[dict]


@router.post("/calls/{call_id}/refresh")
async def refresh(call_id: int, svc: CustomsService = Depends(get_customs)) -> dict:
    return {"updated": await svc.refresh_holds(call_id)}


@router.post("/calls/{call_id}/refresh/batched")
async def refresh_batched(call_id: int, svc: CustomsService = Depends(get_customs)) -> dict:
    return {"updated": await svc.refresh_holds_batched(call_id)}


@router.post("/manifest")
async def submit_manifest(body: ManifestSubmission, svc: CustomsService = Depends(get_customs)) -> dict:
    try:
        ids = await svc.submit_manifest(body.declarations)
    except CustomsApiError as exc:
        raise HTTPException(status_code=502, detail="customs gateway rejected the manifest") from exc
    return {"declarations": ids}


@router.post("/amendments")
async def submit_amendments(body: ManifestSubmission, svc: CustomsService = Depends(get_customs)) -> dict:
    try:
        ids = await svc.submit_amendments(body.declarations)
    except CustomsApiError as exc:
        log.exception("amendment submission failed: %s", exc.details)
        raise HTTPException(status_code=502, detail="customs gateway unavailable") from exc
    return {"declarations": ids}


@router.get("/holds/{number}")
async def holds(number: str, svc: CustomsService = Depends(get_customs)) -> list[dict]:
    return await svc.hold_summary(number.upper())


@router.post("/holds/{authority_ref}/release", status_code=204)
async def release(authority_ref: str, svc: CustomsService = Depends(get_customs)) -> None:
    await svc.release(authority_ref)


@router.get("/calls/{call_id}/held")
async def held(call_id: int, svc: CustomsService = Depends(get_customs)) -> list[str]:
    return await svc.held_containers(call_id)
