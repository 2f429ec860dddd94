"""OCPP 1.6J websocket endpoint for charge points."""
from __future__ import annotations

import asyncio
import base64
import binascii
import logging
from typing import TYPE_CHECKING

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.config import settings
from svc.db.repositories.catalog import ChargePointRepository
from svc.errors import EVCError
from svc.observability import metrics
from svc.services.drivers import check_secret
from svc.ws.protocol import OcppCall, OcppProtocolError, encode_error, encode_result, parse_frame
from svc.ws.routing import ChargePointConnection, ChargePointPresence, ConnectionRegistry

if TYPE_CHECKING:
    from svc.services.ocpp_dispatcher import OcppDispatcher

log = logging.getLogger(__name__)

router = APIRouter()

SUBPROTOCOL = "ocpp1.6"


class OcppGateway:
    def __init__(
        self,
        *,
        registry: ConnectionRegistry,
        dispatcher: OcppDispatcher,
        session_factory: async_sessionmaker[AsyncSession],
        presence: ChargePointPresence,
    ) -> None:
        self._registry = registry
        self._dispatcher = dispatcher
        self._session_factory = session_factory
        self._presence = presence

    async def _authenticate(self, websocket: WebSocket, chargepoint_id: str) -> bool:
        """OCPP security profile 1: HTTP Basic auth with the charge point identity as user name."""
        header = websocket.headers.get("authorization", "")
        if not header.lower().startswith("basic "):
            return False
        try:
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        if user != chargepoint_id:
            return False
        async with self._session_factory() as db:
            chargepoint = await ChargePointRepository(db).get(chargepoint_id)
        if chargepoint is None:
            return False
        return await asyncio.to_thread(check_secret, password, chargepoint.password_hash)

    async def serve(self, websocket: WebSocket, chargepoint_id: str) -> None:
        if SUBPROTOCOL not in websocket.scope.get("subprotocols", []):
            await websocket.close(code=1002)
            return
        if self._registry.full:
            metrics.inc("ocpp_connections_rejected_total", reason="capacity")
            await websocket.close(code=1013)
            return
        if not await self._authenticate(websocket, chargepoint_id):
            metrics.inc("ocpp_connections_rejected_total", reason="auth")
            await websocket.close(code=4401)
            return
        await websocket.accept(subprotocol=SUBPROTOCOL)
        conn = ChargePointConnection(chargepoint_id, websocket)
        await self._registry.register(conn)
        await self._presence.mark(chargepoint_id)
        log.info("charge point %s connected (%d on this node)", chargepoint_id, len(self._registry))
        try:
            while True:
                raw = await asyncio.wait_for(websocket.receive_text(), timeout=settings.ocpp_idle_timeout)
                if len(raw) > settings.ocpp_max_message_bytes:
                    await websocket.close(code=1009)
                    break
                await self._handle_frame(conn, raw)
        except WebSocketDisconnect as exc:
            log.info("charge point %s disconnected (code %s)", chargepoint_id, exc.code)
        except asyncio.TimeoutError:
            log.warning("charge point %s idle for %.0fs; closing", chargepoint_id, settings.ocpp_idle_timeout)
            await websocket.close(code=1001)
        finally:
            self._registry.unregister(conn)
            conn.fail_pending()
            await self._presence.clear(chargepoint_id)

    async def _handle_frame(self, conn: ChargePointConnection, raw: str) -> None:
        try:
            frame = parse_frame(raw)
        except OcppProtocolError as exc:
            await conn.websocket.send_text(encode_error(exc.unique_id or "-1", exc.code, exc.description))
            return
        if not isinstance(frame, OcppCall):
            conn.resolve(frame)
            return
        try:
            payload = await self._dispatcher.handle(conn.chargepoint_id, frame)
        except OcppProtocolError as exc:
            await conn.websocket.send_text(encode_error(frame.unique_id, exc.code, exc.description))
        except EVCError as exc:
            log.warning("%s from %s failed: %s", frame.action, conn.chargepoint_id, exc.message)
            await conn.websocket.send_text(encode_error(frame.unique_id, "InternalError", exc.message))
        else:
            if frame.action == "Heartbeat":
                await self._presence.mark(conn.chargepoint_id)
            await conn.websocket.send_text(encode_result(frame.unique_id, payload))


@router.websocket("/ocpp/{chargepoint_id}")
async def ocpp_endpoint(websocket: WebSocket, chargepoint_id: str) -> None:
    gateway: OcppGateway = websocket.app.state.ocpp_gateway
    await gateway.serve(websocket, chargepoint_id)
