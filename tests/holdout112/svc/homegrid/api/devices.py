from __future__ import annotations

from datetime import datetime
from uuid import UUID

from fastapi import APIRouter, Depends, Query

from homegrid.api.deps import current_principal, get_container, require_admin, require_household
from homegrid.container import Container
from homegrid.errors import UpstreamUnavailable
from homegrid.models import CommandView, Device, DeviceKind, DeviceRegister
from homegrid.models import Principal
from homegrid.services.device_registry import model_capabilities
from homegrid.utils.ids import new_correlation_id
from homegrid.utils.timeutil import utcnow

router = APIRouter(prefix="/v1", tags=["devices"])


@router.post("/households/{household_id}/devices", response_model=Device, status_code=201)
async def register_device(
    household_id: UUID,
    data: DeviceRegister,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> Device:
    require_household(principal, household_id)
    return await container.registry.register(household_id, data, actor=str(principal.user_id))


@router.get("/households/{household_id}/devices", response_model=list[Device])
async def household_devices(
    household_id: UUID,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> list[Device]:
    require_household(principal, household_id)
    return await container.devices.list_for_household(household_id, limit=100)


@router.get("/devices/search", response_model=list[Device])
async def search_devices(
    serial_prefix: str = Query(min_length=4),
    _: Principal = Depends(require_admin),
    container: Container = Depends(get_container),
) -> list[Device]:
    return await container.devices.search_serial_prefix(serial_prefix)


@router.post("/devices/{device_id}/setpoint")
async def set_setpoint(
    device_id: UUID,
    celsius: float = Query(ge=5, le=30),
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> dict:
    device = await container.devices.get(device_id)
    require_household(principal, device.household_id)
    [command] = await container.commands.create_many(
        [(device.id, None, "setpoint", {"celsius": celsius}, new_correlation_id())]
    )
    ack = await container.dispatcher.send_and_wait(command, device)
    if ack is None:
        return {"status": "pending", "correlation_id": command.correlation_id}
    if not ack.ok:
        raise UpstreamUnavailable(ack.detail or "device rejected setpoint")
    return {"status": "applied", "correlation_id": command.correlation_id}


@router.post("/devices/{device_id}/boost")
async def boost(
    device_id: UUID,
    minutes: int = Query(default=30, ge=10, le=120),
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> dict:
    device = await container.devices.get(device_id)
    require_household(principal, device.household_id)
    correlation_id = await container.boost.boost(device, minutes)
    return {"status": "sent", "correlation_id": correlation_id}


@router.post("/devices/{device_id}/charge-now")
async def charge_now(
    device_id: UUID,
    minutes: int = Query(default=60, ge=15, le=480),
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> dict:
    device = await container.devices.get(device_id)
    require_household(principal, device.household_id)
    correlation_id = await container.boost.charge_now(device, minutes)
    return {"status": "sent", "correlation_id": correlation_id}


@router.get("/devices/{device_id}/commands", response_model=list[CommandView])
async def command_history(
    device_id: UUID,
    before: datetime | None = None,
    limit: int = Query(default=50, le=200),
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> list[CommandView]:
    device = await container.devices.get(device_id)
    require_household(principal, device.household_id)
    commands = await container.commands.recent_for_device(device_id, before or utcnow(), limit)
    return [
        CommandView(
            id=c.id, kind=c.kind, status=c.status, attempts=c.attempts,
            correlation_id=c.correlation_id, acked_at=c.acked_at,
        )
        for c in commands
    ]


@router.get("/devices/{device_id}/capabilities")
async def capabilities(
    device_id: UUID,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> dict:
    device = await container.devices.get(device_id)
    require_household(principal, device.household_id)
    return {"device_id": str(device.id), "capabilities": sorted(model_capabilities(device.model))}


@router.delete("/devices/{device_id}/overrides", status_code=204)
async def cancel_overrides(
    device_id: UUID,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> None:
    device = await container.devices.get(device_id)
    require_household(principal, device.household_id)
    await container.boost.cancel(device.id)


@router.post("/households/{household_id}/away")
async def away_mode(
    household_id: UUID,
    setback_c: float = Query(default=14.0, ge=5, le=20),
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> dict[str, int]:
    require_household(principal, household_id)
    devices = [
        d for d in await container.devices.list_for_household(household_id)
        if d.kind in (DeviceKind.thermostat, DeviceKind.heat_pump)
    ]
    commands = await container.commands.create_many(
        [(d.id, None, "setpoint", {"celsius": setback_c, "mode": "away"}, new_correlation_id()) for d in devices]
    )
    by_id = {d.id: d for d in devices}
    sent = await container.dispatcher.send_many([(c, by_id[c.device_id]) for c in commands])
    return {"commands": sent}


@router.delete("/devices/{device_id}")
async def decommission(
    device_id: UUID,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> dict[str, bool]:
    device = await container.devices.get(device_id)
    require_household(principal, device.household_id)
    changed = await container.registry.decommission(device, actor=str(principal.user_id))
    return {"decommissioned": changed}
