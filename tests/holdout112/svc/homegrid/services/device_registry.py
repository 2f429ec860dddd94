from __future__ import annotations

from functools import lru_cache
from uuid import UUID

import structlog

from homegrid.models import Device, DeviceKind, DeviceRegister
from homegrid.repositories.audit import AuditRepository
from homegrid.repositories.devices import DeviceRepository

log = structlog.get_logger(__name__)

_MODEL_FAMILIES = {
    "HG-TH": DeviceKind.thermostat,
    "HG-HP": DeviceKind.heat_pump,
    "HG-BT": DeviceKind.battery,
    "HG-EV": DeviceKind.ev_charger,
}


@lru_cache(maxsize=256)
def model_capabilities(model: str) -> frozenset[str]:
    family = model[:5]
    kind = _MODEL_FAMILIES.get(family)
    base = {"telemetry", "ota"}
    if kind in (DeviceKind.battery, DeviceKind.ev_charger):
        base |= {"schedule", "curtail"}
    if kind is DeviceKind.heat_pump:
        base |= {"setpoint", "curtail", "boost"}
    if kind is DeviceKind.thermostat:
        base |= {"setpoint"}
    return frozenset(base)


class DeviceRegistry:
    def __init__(self, devices: DeviceRepository, audit: AuditRepository) -> None:
        self._devices = devices
        self._audit = audit

    async def register(self, household_id: UUID, data: DeviceRegister, actor: str) -> Device:
        device = await self._devices.create(household_id, data)
        await self._audit.record(actor, "device.register", str(device.id), {"serial": device.serial})
        return device

    async def household_devices(self, household_id: UUID) -> list[Device]:
        return await self._devices.list_for_household(household_id)

    def supports(self, device: Device, capability: str) -> bool:
        return capability in model_capabilities(device.model)

    async def decommission(self, device: Device, actor: str) -> bool:
        changed = await self._devices.decommission(device.id)
        if changed:
            await self._audit.record(actor, "device.decommission", str(device.id), {"serial": device.serial})
            log.info("device_decommissioned", device_id=str(device.id))
        return changed
