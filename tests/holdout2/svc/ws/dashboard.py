"""Live feed for dashboard browsers: ``/ws/dashboard?token=...``."""
from __future__ import annotations

import asyncio
import logging
import uuid
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect, status

from svc.errors import AuthError

if TYPE_CHECKING:
    from svc.api.deps import Container

log = logging.getLogger(__name__)

router = APIRouter()


class DashboardHub:
    """Dashboard sockets grouped by tenant. Alerts are pushed to every socket of the tenant;
    snapshots go through a small per-socket outbox that drops frames for slow browsers."""

    def __init__(self) -> None:
        self._clients: dict[uuid.UUID, set[WebSocket]] = defaultdict(set)
        self._outboxes: dict[WebSocket, asyncio.Queue[dict[str, Any]]] = {}
        self._snapshots: dict[uuid.UUID, dict[str, Any]] = {}
        self._clients_lock = asyncio.Lock()
        self._snapshot_lock = asyncio.Lock()

    async def subscribe(self, tenant_id: uuid.UUID, websocket: WebSocket) -> None:
        async with self._clients_lock, self._snapshot_lock:
            self._clients[tenant_id].add(websocket)
            outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=16)
            self._outboxes[websocket] = outbox
            snapshot = self._snapshots.get(tenant_id)
        if snapshot is not None:
            outbox.put_nowait({"type": "snapshot", "data": snapshot, "initial": True})

    def unsubscribe(self, tenant_id: uuid.UUID, websocket: WebSocket) -> None:
        self._clients.get(tenant_id, set()).discard(websocket)
        self._outboxes.pop(websocket, None)

    async def set_snapshot(self, tenant_id: uuid.UUID, snapshot: dict[str, Any]) -> None:
        async with self._clients_lock:
            async with self._snapshot_lock:
                self._snapshots[tenant_id] = snapshot
            for websocket in self._clients.get(tenant_id, ()):
                outbox = self._outboxes.get(websocket)
                if outbox is None:
                    continue
                try:
                    outbox.put_nowait({"type": "snapshot", "data": snapshot})
                except asyncio.QueueFull:
                    log.debug("dashboard outbox full; dropping snapshot frame")

    async def broadcast_alert(self, tenant_id: uuid.UUID, alert: dict[str, Any]) -> None:
        for websocket in list(self._clients.get(tenant_id, ())):
            await websocket.send_json({"type": "alert", "data": alert})

    async def pump(self, websocket: WebSocket) -> None:
        """Write queued frames to one socket until cancelled."""
        outbox = self._outboxes[websocket]
        while True:
            frame = await outbox.get()
            await websocket.send_json(frame)


async def _snapshot(container: Container, tenant_id: uuid.UUID) -> dict[str, Any]:
    devices = await container.devices_repo.list_for_tenant(tenant_id)
    latest = await asyncio.gather(*(container.readings_repo.latest_for_device(d["id"]) for d in devices))
    return {
        "devices": [
            {
                "id": str(device["id"]),
                "name": device["name"],
                "metric": row["metric"] if row else None,
                "value": row["value"] if row else None,
                "ts": row["ts"].isoformat() if row else None,
            }
            for device, row in zip(devices, latest)
        ]
    }


@router.websocket("/ws/dashboard")
async def dashboard_socket(websocket: WebSocket, token: str = Query(...)) -> None:
    container: Container = websocket.app.state.container
    try:
        claims = await container.jwks.verify(token)
    except AuthError:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    await container.dashboard.subscribe(claims.tenant_id, websocket)
    writer = asyncio.create_task(container.dashboard.pump(websocket), name="dashboard-writer")
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_json(), timeout=container.settings.ws_idle_timeout)
            if message.get("type") == "ping":
                await websocket.send_json({"type": "pong"})
            elif message.get("type") == "refresh":
                snapshot = await _snapshot(container, claims.tenant_id)
                await container.dashboard.set_snapshot(claims.tenant_id, snapshot)
    except WebSocketDisconnect:
        log.info("dashboard socket closed for tenant %s", claims.tenant_id)
    except asyncio.TimeoutError:
        await websocket.close(code=status.WS_1001_GOING_AWAY, reason="idle")
    finally:
        writer.cancel()
