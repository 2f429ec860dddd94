from __future__ import annotations

import base64
import logging

from fastapi import APIRouter, Depends, Request

from portops.deps import get_gate
from portops.errors import GateRejected
from portops.schemas import GateInRequest, SlotBooking
from portops.services.gate_service import GateService

log = logging.getLogger(__name__)
router = APIRouter(prefix="/gate", tags=["gate"])

_LANE_STATUS: dict[int, str] = {}
LANE_STATES = ("OPEN", "CLOSED", "MAINTENANCE")


@router.post("/appointments", status_code=201)
async def book(body: SlotBooking, svc: GateService = Depends(get_gate)) -> dict:
    appointment_id = await svc.book_slot(body.haulier_code, body.container_number, body.wanted)
    return {"appointment": appointment_id}


@router.put("/lanes/{lane}/{state}", status_code=204)
async def set_lane_state(lane: int, state: str) -> None:
    if state not in LANE_STATES:
        raise GateRejected("unknown lane state", state=state)
    _LANE_STATUS[lane] = state


@router.get("/lanes")
async def lanes() -> dict[int, str]:
    return {lane: _LANE_STATUS.get(lane, "OPEN") for lane in range(1, 25)}


@router.post("/kiosk/in")
async def kiosk_gate_in(body: GateInRequest, request: Request, svc: GateService = Depends(get_gate)) -> dict:
    if _LANE_STATUS.get(body.lane, "OPEN") != "OPEN":
        raise GateRejected("lane not open", lane=body.lane)
    driver_hash = await request.app.state.redis.get(f"portops:driver:{body.driver_id}:pin")
    if driver_hash is None:
        raise GateRejected("unknown driver", driver=body.driver_id)
    image = base64.b64decode(body.image_b64)
    return await svc.gate_in(body.lane, image, body.driver_pin, driver_hash.encode(), body.direction)


@router.post("/transactions/{tx_id}/out", status_code=204)
async def gate_out(tx_id: int, svc: GateService = Depends(get_gate)) -> None:
    await svc.gate_out(tx_id)
