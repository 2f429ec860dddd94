"""Commands issued by field technicians to devices, and routing of device acknowledgements."""
from __future__ import annotations

import json
import logging
import uuid
from typing import Protocol

from ..cache.rate_limit import CommandQuota
from ..db.models import Device, Technician
from ..repositories.telemetry import TelemetryRepository
from ..utils.errors import RateLimited
from ..utils.time import utcnow
from ..utils.topics import command_topic
from ..ws.connection_registry import ConnectionRegistry

logger = logging.getLogger(__name__)

ALLOWED_COMMANDS = frozenset({"reboot", "blink", "read_config", "set_log_level", "run_diagnostics"})


class Publisher(Protocol):
    async def publish(self, topic: str, message: dict, qos: int = 1) -> None: ...


class CommandService:
    def __init__(
        self,
        telemetry: TelemetryRepository,
        publisher: Publisher,
        quota: CommandQuota,
        connections: ConnectionRegistry,
    ) -> None:
        self._telemetry = telemetry
        self._publisher = publisher
        self._quota = quota
        self._connections = connections

    async def issue(self, technician: Technician, device: Device, name: str, args: dict) -> str:
        if name not in ALLOWED_COMMANDS:
            raise ValueError(f"unknown command {name!r}")
        if device.site_id != technician.site_id:
            raise PermissionError("device belongs to another site")
        if not await self._quota.consume(technician.id):
            raise RateLimited(f"technician {technician.id} exhausted the daily command quota")
        command_id = str(uuid.uuid4())
        await self._telemetry.log_command(
            command_id, device.id, technician.id, name, json.dumps(args), utcnow()
        )
        await self._publisher.publish(
            command_topic(device.site_id, device.id), {"id": command_id, "name": name, "args": args}
        )
        logger.info("technician %s issued %s to %s (%s)", technician.id, name, device.id, command_id)
        return command_id

    async def handle_ack(self, device_id: str, message: dict) -> None:
        command_id = message.get("id")
        if not command_id:
            return
        technician_id = await self._telemetry.ack_command(
            command_id, json.dumps(message.get("result")), utcnow()
        )
        if technician_id is None:
            return
        sockets = self._connections.for_technician(technician_id)
        for socket in sockets:
            await socket.send_json(
                {"type": "ack", "command_id": command_id, "device_id": device_id, "result": message.get("result")}
            )
