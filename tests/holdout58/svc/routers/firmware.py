from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel

from .. import deps
from ..cache.firmware_cache import ManifestCache
from ..clients.cdn_client import FirmwareCDN
from ..services.firmware import FirmwareService
from ..services.registry import RegistryService

router = APIRouter(tags=["firmware"])


class FirmwareIn(BaseModel):
    version: str
    hw_revision: str
    filename: str


@router.post("/firmware", status_code=status.HTTP_201_CREATED)
async def register_firmware(body: FirmwareIn, service: FirmwareService = Depends(deps.firmware_service)) -> dict:
    firmware = await service.register(body.version, body.hw_revision, body.filename)
    return {"id": firmware.id, "sha256": firmware.sha256, "size": firmware.size_bytes}


@router.get("/firmware/{firmware_id}/manifest")
async def firmware_manifest(
    firmware_id: str,
    cache: ManifestCache = Depends(deps.manifests),
    cdn: FirmwareCDN = Depends(deps.cdn),
) -> dict:
    manifest = await cache.get(firmware_id)
    if manifest is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown firmware")
    manifest["url"] = await cdn.presign(manifest["object_key"], ttl_seconds=900)
    return manifest


@router.get("/devices/{device_id}/ota-manifest")
async def device_manifest(
    device_id: str,
    firmware_id: str,
    registry: RegistryService = Depends(deps.registry_service),
    service: FirmwareService = Depends(deps.firmware_service),
) -> dict:
    device = await registry.get(device_id)
    manifest = await service.signed_manifest(firmware_id, device)
    if manifest is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown firmware")
    return manifest
