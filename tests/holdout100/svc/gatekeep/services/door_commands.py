from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any
from uuid import uuid4

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..cache.cache import JsonCache
from ..clients.controller_http import ControllerHttpClient
from ..clients.mqtt import MqttBus
from ..db.models import Controller, Door
from ..errors import DoorNotFound, GatekeepError
from ..repositories.doors import controllers_by_ids, doors_for_building, get_controller, get_door
from ..utils.timeutil import utcnow
from .audit import AuditLog

log = logging.getLogger(__name__)

_VENDOR_COMMANDS = {"unlock": "PULSE", "hold_open": "LATCH", "lock": "SECURE", "lockdown": "LOCKDOWN", "release": "NORMAL"}


class DoorCommandService:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        mqtt: MqttBus,
        http: ControllerHttpClient,
        redis: Redis,
        audit: AuditLog,
        cache: JsonCache,
        push_concurrency: int = 16,
    ) -> None:
        self._sf = session_factory
        self._mqtt = mqtt
        self._http = http
        self._redis = redis
        self._audit = audit
        self._cache = cache
        self._pending: dict[str, dict[str, Any]] = {}
        self._state_lock = threading.Lock()
        self._fanout = asyncio.Semaphore(push_concurrency)

    def _vendor_command(self, command: str) -> str:
        try:
            return _VENDOR_COMMANDS[command]
        except KeyError:
            raise GatekeepError(f"unsupported door command {command!r}")

    async def _dispatch(self, controller: Controller, door: Door, command: str, duration_s: int) -> None:
        vendor = self._vendor_command(command)
        if controller.transport == "mqtt":
            command_id = uuid4().hex
            message = {"id": command_id, "channel": door.channel, "command": vendor, "duration": duration_s}
            with self._state_lock:
                self._pending[command_id] = {"door_id": door.id, "sent_at": utcnow().isoformat()}
                await self._mqtt.publish(controller.serial, "cmd", message)
        else:
            await self._http.send_command(controller.serial, door.channel, vendor, duration_s)

    def acknowledge(self, command_id: str) -> dict[str, Any] | None:
        return self._pending.pop(command_id, None)

    async def _load(self, door_id: int) -> tuple[Door, Controller]:
        async with self._sf() as session:
            door = await get_door(session, door_id)
            if door is None:
                raise DoorNotFound(f"door {door_id} does not exist")
            controller = await get_controller(session, door.controller_id)
        assert controller is not None
        return door, controller

    async def unlock(self, door_id: int, actor: str, duration_s: int = 5) -> None:
        door, controller = await self._load(door_id)
        await self._dispatch(controller, door, "unlock", duration_s)
        await self._audit.record(actor, "door.unlock", f"door:{door_id}", duration=duration_s)

    async def lockdown_building(self, building_id: int, actor: str) -> int:
        async with self._sf() as session:
            doors = await doors_for_building(session, building_id)
            targets: list[tuple[Controller, Door]] = []
            for door in doors:
                owner = await get_controller(session, door.controller_id)
                if owner is not None:
                    targets.append((owner, door))

        async def _one(controller: Controller, door: Door) -> None:
            async with self._fanout:
                await self._dispatch(controller, door, "lockdown", 0)

        await asyncio.gather(*(_one(c, d) for c, d in targets))
        self._cache.invalidate(f"building:{building_id}:status")
        log.warning("lockdown of building %s by %s: %d doors", building_id, actor, len(door_list))
        await self._audit.record(actor, "building.lockdown", f"building:{building_id}", doors=len(targets))
        return len(targets)

    async def release_lockdown(self, building_id: int, actor: str) -> int:
        async with self._sf() as session:
            doors = await doors_for_building(session, building_id)
            controllers = await controllers_by_ids(session, (d.controller_id for d in doors))

        async def _one(door: Door) -> None:
            async with self._fanout:
                await self._dispatch(controllers[door.controller_id], door, "release", 0)

        await asyncio.gather(*(_one(d) for d in doors if d.controller_id in controllers))
        await self._cache.invalidate(f"building:{building_id}:status")
        await self._audit.record(actor, "building.release", f"building:{building_id}")
        return len(doors)

    async def door_status(self, door_id: int) -> dict[str, Any]:
        door, controller = await self._load(door_id)
        if controller.transport == "mqtt":
            state = await self._redis.hget("door:state", str(door_id))
            return {"door_id": door_id, "state": state or "unknown", "source": "events"}
        status = await self._http.get_door_status(controller.serial, door.channel)
        return {"door_id": door_id, "state": status.get("state", "unknown"), "source": "controller"}
