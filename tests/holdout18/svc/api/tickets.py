"""Ticket delivery, transfers and gate scanning."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, EmailStr, Field

from svc.api import deps
from svc.cache import Flags
from svc.services.tickets import TicketService

router = APIRouter(tags=["tickets"])


class TransferStart(BaseModel):
    pin: str = Field(min_length=6, max_length=12)


class Scan(BaseModel):
    barcode: str = Field(max_length=64)
    gate: str


@router.get("/tickets/{ticket_id}.pdf")
async def ticket_pdf(ticket_id: int, service: TicketService = Depends(deps.tickets)) -> Response:
    return Response(await service.pdf(ticket_id), media_type="application/pdf")


@router.get("/tickets/{ticket_id}.pkpass")
async def ticket_wallet_pass(
    ticket_id: int,
    service: TicketService = Depends(deps.tickets),
    flags: Flags = Depends(deps.current_flags),
) -> Response:
    if not flags.wallet_passes:
        return Response(status_code=404)
    return Response(await service.wallet_pass(ticket_id), media_type="application/vnd.apple.pkpass")


@router.post("/tickets/{ticket_id}/transfer")
async def start_transfer(ticket_id: int, body: TransferStart, service: TicketService = Depends(deps.tickets)) -> dict:
    await service.start_transfer(ticket_id, body.pin)
    return {"pending": True}


@router.post("/scan", dependencies=[Depends(deps.admin_guard)])
async def scan(body: Scan, service: TicketService = Depends(deps.tickets)) -> dict[str, Any]:
    return await service.scan(body.barcode, body.gate)


@router.get("/me/orders")
async def my_orders(email: EmailStr = Query(...), service: TicketService = Depends(deps.tickets)) -> list[dict[str, Any]]:
    return await service.customer_orders(email)


@router.post("/orders/{order_id}/resend", dependencies=[Depends(deps.admin_guard)])
async def resend_tickets(order_id: int, service: TicketService = Depends(deps.tickets)) -> dict[str, Any]:
    return {"tickets": await service.resend(order_id)}
