from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import redis.asyncio as aioredis

from glide.clients.iot_bridge import CommandAck, IoTBridge
from glide.core.locks import LockNotAcquired, RedisLock
from glide.errors import Conflict, UpstreamError
from glide.models import Vehicle

log = logging.getLogger(__name__)

ACK_TIMEOUT_S = 8


class VehicleCommandService:
    def __init__(self, bridge: IoTBridge, redis: aioredis.Redis) -> None:
        self._bridge = bridge
        self._redis = redis

    @property
    def redis(self) -> aioredis.Redis:
        return self._redis

    async def _send_and_wait(self, vehicle: Vehicle, command: str) -> dict[str, Any]:
        try:
            async with RedisLock(self._redis, f"cmd:{vehicle.id}", ttl_ms=15_000):
                async with asyncio.timeout(ACK_TIMEOUT_S + 4):
                    ack: CommandAck = await self._bridge.send_command(vehicle.iot_device_id, command)
                    if not ack.accepted:
                        raise UpstreamError(f"{command} rejected by {vehicle.qr_code}")
                    reply = await self._redis.blpop(f"ack:{ack.command_id}", timeout=ACK_TIMEOUT_S)
        except LockNotAcquired as exc:
            raise Conflict("another command is in flight for this vehicle") from exc
        except TimeoutError as exc:
            raise UpstreamError(f"{command} timed out for {vehicle.qr_code}") from exc
        if reply is None:
            raise UpstreamError(f"no ack for {command} from {vehicle.qr_code}")
        return json.loads(reply[1])

    async def unlock(self, vehicle: Vehicle) -> None:
        result = await self._send_and_wait(vehicle, "unlock")
        if result.get("state") != "unlocked":
            raise UpstreamError(f"vehicle {vehicle.qr_code} did not unlock")

    async def lock(self, vehicle: Vehicle) -> None:
        result = await self._send_and_wait(vehicle, "lock")
        if result.get("state") != "locked":
            raise UpstreamError(f"vehicle {vehicle.qr_code} did not lock")

    async def ring(self, vehicle: Vehicle) -> None:
        await self._bridge.send_command(vehicle.iot_device_id, "ring")

    async def apply_speed_limits(self, vehicles: list[Vehicle], limit_for: dict[str, int], concurrency: int = 16) -> int:
        sem = asyncio.Semaphore(concurrency)

        async def _apply(vehicle: Vehicle) -> bool:
            kmh = limit_for.get(vehicle.iot_device_id)
            if kmh is None:
                return False
            async with sem:
                try:
                    await self._bridge.set_speed_limit(vehicle.iot_device_id, kmh)
                except UpstreamError:
                    log.warning("speed limit push failed for %s", vehicle.qr_code)
                    return False
            return True

        results = await asyncio.gather(*(_apply(v) for v in vehicles))
        return sum(results)

    async def resolve_ack(self, payload: dict[str, Any]) -> None:
        key = f"ack:{payload['command_id']}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.rpush(key, json.dumps(payload))
            pipe.expire(key, 60)
            await pipe.execute()
