"""Where each charge point is connected, and how to send it a command from any replica."""
from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import Coroutine
from typing import Any

from fastapi import WebSocket
from redis.asyncio import Redis

from svc.errors import NotFoundError, UpstreamError
from svc.utils.timeutil import utcnow
from svc.ws.protocol import OcppError, OcppResult, encode_call

log = logging.getLogger(__name__)

_CLEAR_PRESENCE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('del', KEYS[1])
end
return 0
"""


class ChargePointConnection:
    """One live OCPP websocket and the CALLs we sent on it that still await a result."""

    def __init__(self, chargepoint_id: str, websocket: WebSocket) -> None:
        self.chargepoint_id = chargepoint_id
        self.websocket = websocket
        self.connected_at = utcnow()
        self._pending: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._call_lock = asyncio.Lock()

    async def call(self, action: str, payload: dict[str, Any], *, timeout: float = 30.0) -> dict[str, Any]:
        """Send a CALL and wait for the CALLRESULT. OCPP allows a single outstanding CALL per direction."""
        async with self._call_lock:
            unique_id = uuid.uuid4().hex
            future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
            self._pending[unique_id] = future
            try:
                await self.websocket.send_text(encode_call(unique_id, action, payload))
                return await asyncio.wait_for(future, timeout=timeout)
            finally:
                self._pending.pop(unique_id, None)

    def resolve(self, frame: OcppResult | OcppError) -> None:
        future = self._pending.get(frame.unique_id)
        if future is None or future.done():
            log.debug("late or unknown result %s from %s", frame.unique_id, self.chargepoint_id)
            return
        if isinstance(frame, OcppResult):
            future.set_result(frame.payload)
        else:
            future.set_exception(UpstreamError(f"{frame.code}: {frame.description}"))

    def fail_pending(self) -> None:
        for future in self._pending.values():
            if not future.done():
                future.set_exception(ConnectionError("charge point disconnected"))
        self._pending.clear()


class ConnectionRegistry:
    """Charge point connections held by this process."""

    def __init__(self, *, max_connections: int) -> None:
        self._connections: dict[str, ChargePointConnection] = {}
        self._max = max_connections

    def __len__(self) -> int:
        return len(self._connections)

    @property
    def full(self) -> bool:
        return len(self._connections) >= self._max

    def get(self, chargepoint_id: str) -> ChargePointConnection | None:
        return self._connections.get(chargepoint_id)

    async def register(self, conn: ChargePointConnection) -> None:
        if (previous := self._connections.get(conn.chargepoint_id)) is not None:
            log.info("charge point %s reconnected; closing the stale socket", conn.chargepoint_id)
            await previous.websocket.close(code=1012)
        self._connections[conn.chargepoint_id] = conn

    def unregister(self, conn: ChargePointConnection) -> None:
        if self._connections.get(conn.chargepoint_id) is conn:
            del self._connections[conn.chargepoint_id]


class ChargePointPresence:
    """Records in redis which replica holds each charge point's websocket."""

    def __init__(self, redis: Redis, replica_id: str, *, ttl: int) -> None:
        self._redis = redis
        self._replica_id = replica_id
        self._ttl = ttl

    @staticmethod
    def _key(chargepoint_id: str) -> str:
        return f"ocpp:presence:{chargepoint_id}"

    async def mark(self, chargepoint_id: str) -> None:
        await self._redis.set(self._key(chargepoint_id), self._replica_id, ex=self._ttl)

    async def clear(self, chargepoint_id: str) -> None:
        await self._redis.eval(_CLEAR_PRESENCE, 1, self._key(chargepoint_id), self._replica_id)

    async def owner(self, chargepoint_id: str) -> str | None:
        return await self._redis.get(self._key(chargepoint_id))


class OcppCommandBus:
    """Routes central-system commands (RemoteStart, Reset, SetChargingProfile...) to the owning replica."""

    CHANNEL_PREFIX = "ocpp:cmd:"

    def __init__(self, redis: Redis, presence: ChargePointPresence, *, replica_id: str) -> None:
        self._redis = redis
        self._presence = presence
        self._replica_id = replica_id
        self._tasks: set[asyncio.Task[None]] = set()

    async def send(self, chargepoint_id: str, action: str, payload: dict[str, Any], *, timeout: float = 30.0) -> dict[str, Any]:
        owner = await self._presence.owner(chargepoint_id)
        if owner is None:
            raise NotFoundError(f"charge point {chargepoint_id} is not connected")
        request_id = uuid.uuid4().hex
        envelope = json.dumps(
            {"request_id": request_id, "chargepoint_id": chargepoint_id, "action": action, "payload": payload, "timeout": timeout}
        )
        receivers = await self._redis.publish(f"{self.CHANNEL_PREFIX}{owner}", envelope)
        if receivers == 0:
            raise NotFoundError(f"replica {owner} holding {chargepoint_id} is gone")
        reply_key = f"ocpp:reply:{request_id}"
        deadline = time.monotonic() + timeout + 2.0
        while time.monotonic() < deadline:
            item = await self._redis.blpop([reply_key], timeout=1)
            if item is None:
                continue
            reply = json.loads(item[1])
            if reply.get("error"):
                raise UpstreamError(reply["error"])
            return reply["payload"]
        raise asyncio.TimeoutError(f"{action} to {chargepoint_id} timed out")

    async def serve_local(self, registry: ConnectionRegistry) -> None:
        """Execute commands addressed to this replica."""
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(f"{self.CHANNEL_PREFIX}{self._replica_id}")
        try:
            while True:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                if message is None:
                    continue
                envelope = json.loads(message["data"])
                conn = registry.get(envelope["chargepoint_id"])
                if conn is None:
                    await self._reply(envelope["request_id"], {"error": "charge point not connected"})
                    continue
                self._spawn(self._execute(conn, envelope))
        finally:
            await pubsub.aclose()

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _execute(self, conn: ChargePointConnection, envelope: dict[str, Any]) -> None:
        try:
            result = await conn.call(envelope["action"], envelope["payload"], timeout=float(envelope["timeout"]))
            reply: dict[str, Any] = {"payload": result}
        except Exception as exc:
            log.warning("%s to %s failed: %s", envelope["action"], conn.chargepoint_id, exc)
            reply = {"error": f"{type(exc).__name__}: {exc}"}
        await self._reply(envelope["request_id"], reply)

    async def _reply(self, request_id: str, reply: dict[str, Any]) -> None:
        key = f"ocpp:reply:{request_id}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.rpush(key, json.dumps(reply))
            pipe.expire(key, 60)
            await pipe.execute()
