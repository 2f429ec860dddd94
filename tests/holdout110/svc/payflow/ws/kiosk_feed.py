from __future__ import annotations

import structlog
from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from payflow.api.deps import user_from_token
from payflow.db.engine import SessionFactory
from payflow.errors import Conflict, Forbidden, PayflowError
from payflow.models import Employee
from payflow.repositories.people_repo import CompanyRepository, EmployeeRepository
from payflow.repositories.timesheet_repo import ClockRepository, TimesheetRepository
from payflow.services.clock_service import ClockService
from payflow.services.kiosk_service import KioskService, parse_kiosk_frame
from payflow.cache.redis_client import get_redis
from payflow.ws.hub import kiosk_hub

log = structlog.get_logger(__name__)
router = APIRouter()

MAX_FRAME_CHARS = 4096


@router.websocket("/ws/kiosk/supervisor")
async def supervisor_feed(ws: WebSocket) -> None:
    token = ws.query_params.get("token", "")
    async with SessionFactory() as session:
        try:
            user = await user_from_token(session, token)
        except Forbidden:
            await ws.close(code=status.WS_1008_POLICY_VIOLATION)
            return
    await ws.accept()
    kiosk_hub.join(user.company_id, ws)
    try:
        while True:
            message = await ws.receive_json()
            if message.get("type") == "ping":
                await ws.send_json({"type": "pong"})
    except WebSocketDisconnect:
        kiosk_hub.leave(user.company_id, ws)


async def _roster(serial: str) -> list[dict]:
    async with SessionFactory() as session:
        device = await CompanyRepository(session).device_by_serial(serial)
        if device is None or not device.enabled:
            return []
        employees = await EmployeeRepository(session).list_active(device.company_id)
        return [{"id": e.id, "name": f"{e.first_name} {e.last_name}"} for e in employees]


@router.websocket("/ws/kiosk/device/{serial}")
async def device_channel(ws: WebSocket, serial: str) -> None:
    await ws.accept(subprotocol="payflow-kiosk.v1")
    jurisdictions = ws.app.state.jurisdictions
    try:
        while True:
            raw = await ws.receive_text()
            if len(raw) > MAX_FRAME_CHARS:
                await ws.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                return
            frame = parse_kiosk_frame(raw)
            if frame is not None and frame.get("type") == "roster":
                await ws.send_json({"ok": True, "roster": await _roster(serial)})
                continue
            if frame is None or "employee_id" not in frame or "pin" not in frame:
                await ws.send_json({"ok": False, "error": "bad frame"})
                continue
            async with SessionFactory() as session:
                device = await CompanyRepository(session).device_by_serial(serial)
                if device is None or not device.enabled:
                    await ws.close(code=status.WS_1008_POLICY_VIOLATION)
                    return
                employee = await session.get(Employee, int(frame["employee_id"]))
                if employee is None:
                    await ws.send_json({"ok": False, "error": "unknown employee"})
                    continue
                kiosk = KioskService(CompanyRepository(session), get_redis())
                clock = ClockService(ClockRepository(session), TimesheetRepository(session), jurisdictions)
                try:
                    await kiosk.verify_pin(device, employee, str(frame["pin"]))
                    event = await clock.punch(
                        employee, frame.get("kind", "in"), source="kiosk", device_id=device.id
                    )
                    await session.commit()
                except (Conflict, Forbidden) as exc:
                    await session.rollback()
                    await ws.send_json({"ok": False, "error": exc.message})
                    continue
                except PayflowError as exc:
                    await session.rollback()
                    log.warning("kiosk_punch_failed", serial=serial, code=exc.code)
                    await ws.send_json({"ok": False, "error": exc.code})
                    continue
            await ws.send_json({"ok": True, "event_id": event.id, "kind": event.kind})
    except WebSocketDisconnect:
        log.info("kiosk_disconnected", serial=serial)
