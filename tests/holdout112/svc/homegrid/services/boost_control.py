from __future__ import annotations

from datetime import timedelta
from uuid import UUID

import redis.asyncio as aioredis

from homegrid.errors import Conflict, ValidationFailed
from homegrid.models import Device
from homegrid.repositories.commands import CommandRepository
from homegrid.services.command_dispatch import CommandDispatcher
from homegrid.services.device_registry import model_capabilities
from homegrid.utils.ids import new_correlation_id
from homegrid.utils.timeutil import utcnow


class BoostController:
    """Heat pump boost and EV "charge now" overrides."""

    def __init__(self, redis: aioredis.Redis, commands: CommandRepository, dispatcher: CommandDispatcher) -> None:
        self._redis = redis
        self._commands = commands
        self._dispatcher = dispatcher

    async def boost(self, device: Device, minutes: int) -> str:
        if "boost" not in model_capabilities(device.model):
            raise ValidationFailed("device does not support boost")
        key = f"boost:{device.id}"
        if await self._redis.get(key):
            raise Conflict("boost already active")
        until = utcnow() + timedelta(minutes=minutes)
        [command] = await self._commands.create_many(
            [(device.id, None, "boost", {"until": until.isoformat()}, new_correlation_id())]
        )
        await self._dispatcher.send(command, device)
        await self._redis.set(key, command.correlation_id, ex=minutes * 60)
        return command.correlation_id

    async def charge_now(self, device: Device, minutes: int) -> str:
        key = f"charge-now:{device.id}"
        correlation_id = new_correlation_id()
        acquired = await self._redis.set(key, correlation_id, nx=True, ex=minutes * 60)
        if not acquired:
            raise Conflict("override already active")
        until = utcnow() + timedelta(minutes=minutes)
        [command] = await self._commands.create_many(
            [(device.id, None, "charge_now", {"until": until.isoformat()}, correlation_id)]
        )
        await self._dispatcher.send(command, device)
        return correlation_id

    async def cancel(self, device_id: UUID) -> None:
        await self._redis.delete(f"boost:{device_id}", f"charge-now:{device_id}")
