"""Device registration, fleet status and commands."""
from __future__ import annotations

import asyncio
import json
import logging
import uuid
from datetime import timedelta

import redis.asyncio as redis

from svc.cache import control_channel
from svc.clients.billing import BillingClient
from svc.clients.weather import WeatherClient
from svc.db import Database
from svc.errors import ConflictError, InvalidInputError, NotFoundError
from svc.models.schemas import CommandIn, DeviceCreate, DeviceOut, DeviceStatus
from svc.repositories.devices import DevicesRepository, NewDevice
from svc.repositories.readings import ReadingsRepository
from svc.services import ingest
from svc.services.alerts import RuleCache
from svc.services.auth import hash_device_secret
from svc.utils.geo import describe_location
from svc.ws.registry import DeviceRegistry

log = logging.getLogger(__name__)

_ONLINE_WINDOW = timedelta(minutes=5)


class DeviceService:
    def __init__(
        self,
        devices: DevicesRepository,
        readings: ReadingsRepository,
        billing: BillingClient,
        weather: WeatherClient,
        registry: DeviceRegistry,
        rules: RuleCache,
        *,
        pepper: str,
    ) -> None:
        self._devices = devices
        self._readings = readings
        self._billing = billing
        self._weather = weather
        self._registry = registry
        self._rules = rules
        self._pepper = pepper

    async def register(self, tenant_id: uuid.UUID, data: DeviceCreate) -> uuid.UUID:
        locality = describe_location(data.latitude, data.longitude)
        secret_hash, salt = await hash_device_secret(data.secret.get_secret_value(), self._pepper)
        device_id = await self._devices.create(
            tenant_id,
            NewDevice(
                serial=data.serial,
                name=data.name,
                kind=data.kind,
                hardware_rev=data.hardware_rev,
                secret_hash=secret_hash,
                secret_salt=salt,
                latitude=data.latitude,
                longitude=data.longitude,
                locality=locality,
            ),
        )
        await self._billing.register_device(tenant_id, device_id, data.kind)
        log.info("registered device %s (%s) for tenant %s", device_id, data.serial, tenant_id)
        return device_id

    async def lookup_serial(self, serial: str) -> DeviceOut | None:
        row = await self._devices.get_by_serial(serial)
        return DeviceOut.model_validate(dict(row)) if row is not None else None

    async def fleet_status(self, tenant_id: uuid.UUID) -> list[DeviceStatus]:
        devices = await self._devices.list_for_tenant(tenant_id)
        online = set(ingest.online_since(_ONLINE_WINDOW))
        statuses: list[DeviceStatus] = []
        for device in devices:
            latest = await self._readings.latest_for_device(device["id"])
            statuses.append(
                DeviceStatus(
                    id=device["id"],
                    name=device["name"],
                    online=device["id"] in online,
                    last_metric=latest["metric"] if latest else None,
                    last_value=latest["value"] if latest else None,
                    last_ts=latest["ts"] if latest else None,
                )
            )
        return statuses

    async def conditions(self, tenant_id: uuid.UUID, device_id: uuid.UUID) -> dict[str, object]:
        device = await self._devices.get_for_tenant(tenant_id, device_id)
        if device["latitude"] is None or device["longitude"] is None:
            raise InvalidInputError("device has no position")
        return await self._weather.current_conditions(device["latitude"], device["longitude"])

    async def decommission(self, tenant_id: uuid.UUID, device_id: uuid.UUID) -> None:
        if not await self._devices.deactivate(tenant_id, device_id):
            raise NotFoundError(f"device {device_id} not found")
        self._registry.disconnect(device_id, reason="decommissioned")
        await self._rules.invalidate_device(device_id)


class CommandService:
    """Operator commands. A command is stored, then published on the device's control channel;
    whichever replica holds the device's socket forwards it."""

    def __init__(self, db: Database, client: redis.Redis, *, ack_timeout: float) -> None:
        self._db = db
        self._redis = client
        self._ack_timeout = ack_timeout
        self._pending_reboots: set[uuid.UUID] = set()
        self._watchers: set[asyncio.Task[None]] = set()

    async def send(self, device_id: uuid.UUID, command: CommandIn) -> uuid.UUID:
        if command.name == "reboot" and device_id in self._pending_reboots:
            raise ConflictError("a reboot is already pending for this device")
        command_id = uuid.uuid4()
        async with self._db.connection() as conn:
            await conn.execute(
                "INSERT INTO device_commands (id, device_id, name, args) VALUES ($1, $2, $3, $4::jsonb)",
                command_id,
                device_id,
                command.name,
                json.dumps(command.args),
            )
        message = {"type": "command", "id": str(command_id), "name": command.name, "args": command.args}
        await self._redis.publish(control_channel(device_id), json.dumps(message))
        if command.name == "reboot":
            self._pending_reboots.add(device_id)
        task = asyncio.create_task(self._expire_later(command_id, device_id))
        self._watchers.add(task)
        task.add_done_callback(self._watchers.discard)
        return command_id

    async def mark_delivered(self, command_id: uuid.UUID) -> bool:
        async with self._db.transaction() as conn:
            if await conn.fetchval("SELECT status FROM device_commands WHERE id = $1 FOR UPDATE", command_id) != "pending":
                return False
            await conn.execute(
                "UPDATE device_commands SET status = 'delivered', delivered_at = now() WHERE id = $1", command_id
            )
        return True

    async def _expire_later(self, command_id: uuid.UUID, device_id: uuid.UUID) -> None:
        try:
            await asyncio.sleep(self._ack_timeout)
            async with self._db.connection() as conn:
                await conn.execute(
                    "UPDATE device_commands SET status = 'expired' WHERE id = $1 AND status = 'pending'", command_id
                )
        finally:
            self._pending_reboots.discard(device_id)
