from __future__ import annotations

import logging
from datetime import datetime

from fastapi import APIRouter, Depends, Header, HTTPException, Request

from telco.clients.porting_clearinghouse import PortOrder
from telco.container import Container
from telco.deps import get_container, staff_only
from telco.routers.schemas import PortInIn
from telco.utils.crypto import verify_signature

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/porting", tags=["porting"])


@router.post("/in", dependencies=[Depends(staff_only)], status_code=202)
async def port_in(body: PortInIn, container: Container = Depends(get_container)) -> dict:
    request = await container.porting.request_port_in(body.subscriber_id, body.msisdn, body.donor, body.account_ref)
    return {"reference": request.reference, "deadline": request.deadline_at.isoformat()}


@router.post("/clearinghouse/notify")
async def clearinghouse_notify(
    request: Request, x_npc_signature: str = Header(default=""), container: Container = Depends(get_container)
) -> dict:
    body = await request.body()
    if not verify_signature(container.settings.clearinghouse_operator_id, body, x_npc_signature):
        logger.warning("clearinghouse notification with bad signature from %s", request.client)
        raise HTTPException(status_code=401, detail="bad signature")
    payload = await request.json()
    if payload["type"] == "PORT_OUT_REQUEST":
        order = PortOrder(
            reference=payload["reference"], msisdn=payload["msisdn"], donor=payload["donor"],
            recipient=payload["recipient"], deadline_at=datetime.fromisoformat(payload["deadline"]),
        )
        await container.porting.handle_port_out(order)
    elif payload["type"] == "PORT_IN_COMPLETED":
        await container.porting.complete_port_in(payload["reference"])
    return {"ok": True}
