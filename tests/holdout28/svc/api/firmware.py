"""Firmware artifacts, update campaigns and OTA callbacks."""
from __future__ import annotations

import hashlib
import hmac
from typing import Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request, status
from pydantic import BaseModel

from svc.deps import current_dispatcher, get_firmware_service, ota_callback_secret
from svc.services.auth import Dispatcher
from svc.services.firmware import FirmwareService
from svc.services.firmware import CampaignTracker, ProgressEvent
from svc.storage import read_changelog

router = APIRouter(prefix="/firmware", tags=["firmware"])


class CampaignIn(BaseModel):
    fleet_id: int
    version: str


class CallbackIn(BaseModel):
    campaign_id: int
    device_id: int
    state: str
    version: str
    seq: int


@router.post("/{version}/publish")
async def publish(
    version: str,
    service: FirmwareService = Depends(get_firmware_service),
    _: Dispatcher = Depends(current_dispatcher),
) -> dict[str, str]:
    return await service.publish_artifact(version)


@router.get("/{version}/changelog")
def changelog(version: str) -> dict[str, str]:
    return {"version": version, "changelog": read_changelog(version)}


@router.get("/{version}/checksum")
async def checksum(version: str, service: FirmwareService = Depends(get_firmware_service)) -> dict[str, str]:
    return {"version": version, "sha256": await service.checksum(version)}


@router.post("/campaigns", status_code=status.HTTP_201_CREATED)
async def create_campaign(
    body: CampaignIn,
    service: FirmwareService = Depends(get_firmware_service),
    dispatcher: Dispatcher = Depends(current_dispatcher),
) -> dict[str, int]:
    if body.fleet_id not in dispatcher.fleet_ids:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="fleet not accessible")
    return {"campaign_id": await service.create_campaign(body.fleet_id, body.version)}


@router.post("/campaigns/{campaign_id}/start")
async def start_campaign(campaign_id: int, service: FirmwareService = Depends(get_firmware_service)) -> dict[str, str]:
    return {"rollout_id": await service.start_campaign(campaign_id)}


@router.post("/campaigns/{campaign_id}/wake")
async def wake_campaign(campaign_id: int, service: FirmwareService = Depends(get_firmware_service)) -> dict[str, int]:
    return {"woken": await service.wake_pending(campaign_id)}


@router.post("/campaigns/{campaign_id}/refresh")
async def refresh_campaign(campaign_id: int, service: FirmwareService = Depends(get_firmware_service)) -> dict[str, int]:
    return await service.refresh_statuses(campaign_id)


@router.get("/campaigns/{campaign_id}")
async def campaign_status(campaign_id: int, service: FirmwareService = Depends(get_firmware_service)) -> dict[str, Any]:
    return await service.rollout_summary(campaign_id)


@router.get("/campaigns/{campaign_id}/progress")
async def campaign_progress(campaign_id: int, request: Request) -> dict[str, Any]:
    tracker: CampaignTracker = request.app.state.tracker
    progress = tracker.snapshot(campaign_id)
    if progress is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no progress reported yet")
    return {"campaign_id": campaign_id, "counts": progress.counts, "last_seq": progress.last_seq}


@router.post("/ota/callback", status_code=status.HTTP_204_NO_CONTENT)
async def ota_callback(
    request: Request,
    x_ota_signature: str = Header(),
    secret: bytes = Depends(ota_callback_secret),
    service: FirmwareService = Depends(get_firmware_service),
) -> None:
    raw = await request.body()
    expected = hmac.new(secret, raw, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, x_ota_signature):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="bad signature")
    body = CallbackIn.model_validate_json(raw)
    await service.handle_callback(ProgressEvent(**body.model_dump()))
