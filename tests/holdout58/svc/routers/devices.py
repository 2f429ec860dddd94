from __future__ import annotations

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request, status
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from .. import deps
from ..db.engine import get_session
from ..db.models import ProvisioningKey
from ..repositories.devices import DeviceRepository
from ..services.cert_rotation import CertRotationService
from ..services.registry import RegistryService
from ..utils.hashing import hash_token

router = APIRouter(prefix="/devices", tags=["devices"])


class ProvisionRequest(BaseModel):
    serial: str = Field(min_length=4, max_length=64)
    hw_revision: str
    firmware_version: str


class DeviceOut(BaseModel):
    id: str
    serial: str
    site_id: str
    hw_revision: str
    firmware_version: str
    status: str

    model_config = {"from_attributes": True}


@router.post("/provision", status_code=status.HTTP_201_CREATED)
async def provision_device(
    body: ProvisionRequest,
    request: Request,
    x_provisioning_key: str = Header(...),
    session: AsyncSession = Depends(get_session),
    registry: RegistryService = Depends(deps.registry_service),
    rotation: CertRotationService = Depends(deps.cert_rotation),
) -> dict:
    key_id, _, secret = x_provisioning_key.partition(".")
    key = await session.get(ProvisioningKey, key_id)
    if key is None or hash_token(secret, key.key_salt) != key.key_hash:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid provisioning key")
    if not request.app.state.provision_throttle.allow(key.site_id):
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "provisioning rate exceeded")
    device = await registry.provision(key.site_id, body.serial, body.hw_revision, body.firmware_version)
    bootstrap = await rotation.issue_bootstrap(device.id)
    return {"device": DeviceOut.model_validate(device).model_dump(), "bootstrap": bootstrap}


@router.get("", response_model=list[DeviceOut])
async def list_devices(
    site_id: str,
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0),
    session: AsyncSession = Depends(get_session),
) -> list[DeviceOut]:
    devices = await DeviceRepository(session).list_by_site(site_id, limit, offset)
    return [DeviceOut.model_validate(d) for d in devices]


@router.get("/{device_id}", response_model=DeviceOut)
async def get_device(device_id: str, registry: RegistryService = Depends(deps.registry_service)) -> DeviceOut:
    return DeviceOut.model_validate(await registry.get(device_id))


@router.delete("/{device_id}", status_code=status.HTTP_204_NO_CONTENT)
async def decommission_device(
    device_id: str,
    reason: str = Query("operator request", max_length=200),
    registry: RegistryService = Depends(deps.registry_service),
) -> None:
    await registry.decommission(device_id, reason)
