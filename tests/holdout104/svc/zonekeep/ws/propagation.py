from __future__ import annotations

from fastapi import APIRouter, WebSocket, status

from zonekeep.core.db import SessionLocal
from zonekeep.repositories.accounts import AccountRepository
from zonekeep.repositories.tokens import TokenRepository
from zonekeep.services.auth import AuthService
from zonekeep.services.zones import ZoneService

router = APIRouter()


async def _authorize(token: str, zone_id: int):
    async with SessionLocal() as session:
        resolved = await AuthService(AccountRepository(session), TokenRepository(session)).resolve_token(token)
        if resolved is None:
            return None
        account, _ = resolved
        zone = await ZoneService(session).get_owned(account.id, zone_id)
        await session.commit()
        return zone


@router.websocket("/ws/zones/{zone_id}/propagation")
async def propagation_feed(websocket: WebSocket, zone_id: int, token: str) -> None:
    zone = await _authorize(token, zone_id)
    if zone is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    hub = websocket.app.state.hub
    await websocket.accept()
    queue = hub.subscribe(zone_id)
    await hub.ensure_poller(zone_id, zone.name)
    await websocket.send_json({"type": "hello", "zone": zone.name, "serial": zone.serial})
    while True:
        event = await queue.get()
        await websocket.send_json(event)
