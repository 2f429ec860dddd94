from __future__ import annotations

import asyncio
from datetime import timedelta
import structlog

from homegrid.clients.mqtt_bridge import BridgeError, MqttBridgeClient
from homegrid.config import Settings
from homegrid.models import Command, CommandAck
from homegrid.models import Device
from homegrid.repositories.commands import CommandRepository
from homegrid.utils.timeutil import utcnow

log = structlog.get_logger(__name__)


def command_topic(device: Device) -> str:
    return f"homegrid/{device.kind.value}/{device.mqtt_client_id}/cmd"


def backoff_for(attempts: int) -> timedelta:
    return timedelta(seconds=min(600, 5 * (2 ** max(0, attempts - 1))))


class CommandDispatcher:
    def __init__(self, settings: Settings, bridge: MqttBridgeClient, commands: CommandRepository) -> None:
        self._settings = settings
        self._bridge = bridge
        self._commands = commands
        self._ack_waiters: dict[str, asyncio.Future[CommandAck]] = {}

    async def send(self, command: Command, device: Device) -> None:
        payload = {"id": command.correlation_id, "kind": command.kind, **command.payload}
        try:
            await self._bridge.publish(device.mqtt_client_id, command_topic(device), payload)
        except (BridgeError, asyncio.TimeoutError) as exc:
            await self._commands.schedule_retry(
                command.id, utcnow() + backoff_for(command.attempts + 1), str(exc)
            )
            return
        await self._commands.mark_sent([command.id])

    async def send_and_wait(self, command: Command, device: Device) -> CommandAck | None:
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[CommandAck] = loop.create_future()
        self._ack_waiters[command.correlation_id] = waiter
        try:
            await self.send(command, device)
            return await asyncio.wait_for(waiter, timeout=self._settings.command_ack_timeout)
        except asyncio.TimeoutError:
            return None
        finally:
            self._ack_waiters.pop(command.correlation_id, None)

    async def handle_ack(self, ack: CommandAck) -> bool:
        command = await self._commands.by_correlation(ack.correlation_id)
        if command is None:
            log.warning("ack_for_unknown_command", correlation_id=ack.correlation_id)
            return False
        if ack.ok:
            applied = await self._commands.mark_acked(command.id, utcnow())
        else:
            if command.attempts + 1 >= self._settings.command_max_attempts:
                await self._commands.mark_failed(command.id, ack.detail or "device rejected")
                applied = True
            else:
                await self._commands.set_attempts(command.id, command.attempts + 1, "retry")
                applied = True
        waiter = self._ack_waiters.get(ack.correlation_id)
        if waiter is not None and not waiter.done():
            waiter.set_result(ack)
        return applied

    async def retry(self, command: Command, device: Device) -> None:
        try:
            await self._bridge.publish(device.mqtt_client_id, command_topic(device), {
                "id": command.correlation_id, "kind": command.kind, **command.payload,
            })
        except (BridgeError, asyncio.TimeoutError) as exc:
            if command.attempts >= self._settings.command_max_attempts:
                await self._commands.mark_failed(command.id, str(exc))
            else:
                await self._commands.schedule_retry(
                    command.id, utcnow() + backoff_for(command.attempts), str(exc)
                )
            return
        await self._commands.mark_sent([command.id])

    async def send_many(self, pairs: list[tuple[Command, Device]], concurrency: int = 20) -> int:
        slots = asyncio.Semaphore(concurrency)

        async def _one(command: Command, device: Device) -> None:
            async with slots:
                await self.send(command, device)

        await asyncio.gather(*(_one(c, d) for c, d in pairs))
        return len(pairs)
