"""Device management routes."""
from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, status

from svc.api.deps import Container, Principal, current_principal, get_container
from svc.clients import geocoder
from svc.models.schemas import CommandIn, DeviceCreate, DeviceCreated, DeviceOut, DeviceStatus
from svc.utils.geo import format_place

router = APIRouter(prefix="/devices", tags=["devices"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=DeviceCreated)
async def register_device(
    body: DeviceCreate,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> DeviceCreated:
    device_id = await container.device_service.register(principal.tenant_id, body)
    return DeviceCreated(id=device_id)


@router.get("", response_model=list[DeviceOut])
async def list_devices(
    q: str | None = Query(default=None, min_length=2, max_length=64),
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> list[DeviceOut]:
    if q:
        rows = await container.devices_repo.search(principal.tenant_id, q)
    else:
        rows = await container.devices_repo.list_for_tenant(principal.tenant_id)
    return [DeviceOut.model_validate(dict(row)) for row in rows]


@router.get("/status", response_model=list[DeviceStatus])
async def fleet_status(
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> list[DeviceStatus]:
    return await container.device_service.fleet_status(principal.tenant_id)


@router.get("/lookup/{serial}", response_model=DeviceOut)
async def lookup_serial(
    serial: str,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> DeviceOut:
    device = await container.device_service.lookup_serial(serial)
    if device is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=f"no device with serial {serial}")
    return device


@router.get("/places")
def place_search(
    q: str = Query(min_length=3, max_length=120),
    principal: Principal = Depends(current_principal),
) -> list[dict[str, Any]]:
    """Place search for the installer app; geocoding is synchronous, so this runs in the threadpool."""
    return [format_place(place) for place in geocoder.search_places(q)]


@router.get("/{device_id}/conditions")
async def device_conditions(
    device_id: uuid.UUID,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> dict[str, Any]:
    return await container.device_service.conditions(principal.tenant_id, device_id)


@router.delete("/{device_id}", status_code=status.HTTP_204_NO_CONTENT)
async def decommission_device(
    device_id: uuid.UUID,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> None:
    await container.device_service.decommission(principal.tenant_id, device_id)


@router.post("/{device_id}/commands", status_code=status.HTTP_202_ACCEPTED)
async def send_command(
    device_id: uuid.UUID,
    body: CommandIn,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> dict[str, str]:
    await container.devices_repo.get_for_tenant(principal.tenant_id, device_id)
    command_id = await container.commands.send(device_id, body)
    return {"command_id": str(command_id)}
