"""Firmware releases, release notes and rollouts."""
from __future__ import annotations

import re
from pathlib import Path

from fastapi import APIRouter, Depends, File, Form, HTTPException, UploadFile, status
from fastapi.responses import PlainTextResponse

from svc.api.deps import Container, get_container, get_signing_key, require_ops_key
from svc.models.schemas import FirmwareReleaseOut, RolloutIn
from svc.services.firmware import MAX_IMAGE_BYTES

router = APIRouter(prefix="/firmware", tags=["firmware"])

_SAFE_VERSION = re.compile(r"^[0-9A-Za-z.\-]{1,32}$")


@router.get("/changelog", response_class=PlainTextResponse)
async def changelog(container: Container = Depends(get_container)) -> str:
    return (Path(container.settings.firmware_dir) / "CHANGELOG.md").read_text(encoding="utf-8")


@router.get("/releases/{version}/notes", response_class=PlainTextResponse)
def release_notes(version: str, container: Container = Depends(get_container)) -> str:
    if not _SAFE_VERSION.match(version):
        raise HTTPException(status_code=status.HTTP_400_BAD_REQUEST, detail="bad version")
    notes = Path(container.settings.firmware_dir) / "notes" / f"{version}.md"
    try:
        return notes.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="no release notes") from None


@router.post("/releases", status_code=status.HTTP_201_CREATED, response_model=FirmwareReleaseOut)
async def upload_release(
    version: str = Form(...),
    hardware_rev: str = Form(...),
    channel: str = Form("stable"),
    image: UploadFile = File(...),
    signing_key: bytes = Depends(get_signing_key),
    _ops: None = Depends(require_ops_key),
    container: Container = Depends(get_container),
) -> FirmwareReleaseOut:
    data = await image.read(MAX_IMAGE_BYTES + 1)
    release = await container.firmware_service.publish(version, hardware_rev, channel, data, signing_key)
    return FirmwareReleaseOut.model_validate(release)


@router.post("/rollouts", status_code=status.HTTP_202_ACCEPTED)
async def start_rollout(
    body: RolloutIn,
    _ops: None = Depends(require_ops_key),
    container: Container = Depends(get_container),
) -> dict[str, int]:
    notified = await container.firmware_service.rollout(body.version, body.hardware_rev, body.from_version)
    return {"notified": notified}
