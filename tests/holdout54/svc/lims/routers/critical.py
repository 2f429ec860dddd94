"""Critical value acknowledgements (SMS webhook and staff UI)."""
from __future__ import annotations

import hmac
import logging
import re

from fastapi import APIRouter, Depends, Form, Header, HTTPException, status

from ..config import get_settings
from ..security import StaffPrincipal, current_staff
from ..services.audit import audit
from ..services.critical_alerts import CriticalAlertService
from . import critical_service

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/critical", tags=["critical"])

_ACK_RE = re.compile(r"^\s*ACK\s+(\d+)\s*$", re.IGNORECASE)


@router.post("/sms-webhook")
async def sms_reply(
    from_number: str = Form(..., alias="From"),
    body: str = Form(..., alias="Body"),
    x_gateway_signature: str = Header(...),
    service: CriticalAlertService = Depends(critical_service),
) -> dict:
    expected = get_settings().sms_api_key
    if not hmac.compare_digest(x_gateway_signature, expected):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "bad signature")
    match = _ACK_RE.match(body)
    if match is None:
        log.info("ignoring non-ACK sms reply from ...%s", from_number[-4:])
        return {"ok": False}
    alert_id = int(match.group(1))
    acked = await service.acknowledge(alert_id, f"sms:{from_number}")
    await audit.record(f"sms:{from_number}", "ack_critical", "critical_alert", alert_id, {"acked": acked})
    return {"ok": acked}


@router.post("/{alert_id}/ack")
async def ack(alert_id: int, staff: StaffPrincipal = Depends(current_staff), service: CriticalAlertService = Depends(critical_service)) -> dict:
    acked = await service.acknowledge(alert_id, staff.email)
    if not acked:
        raise HTTPException(status.HTTP_409_CONFLICT, "already acknowledged or unknown")
    await audit.record(staff.email, "ack_critical", "critical_alert", alert_id)
    return {"ok": True}
