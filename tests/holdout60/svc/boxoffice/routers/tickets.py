from __future__ import annotations

import asyncio
import base64
import os

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from pydantic import BaseModel, EmailStr, Field
from sqlalchemy.ext.asyncio import AsyncSession

from ..db import pool, redis
from ..qr import render_qr_png, ticket_payload, transfer_code_digest
from ..repositories import inventory
from ..repositories.catalog import VenueRepository
from ..repositories.orders import OrderRepository
from ..repositories.resale import ResaleRepository
from ..security import Principal, current_principal
from ..services.resale import ResaleError, ResaleService
from .deps import db_session, resale_service

router = APIRouter(tags=["tickets"])


@router.get("/orders/{order_id}/tickets")
async def order_tickets(
    order_id: int, principal: Principal = Depends(current_principal), session: AsyncSession = Depends(db_session)
) -> list[dict]:
    order = await OrderRepository(session).get(order_id)
    if order is None or order.customer_id != principal.subject:
        raise HTTPException(status_code=404, detail="order not found")
    async with pool().acquire() as conn:
        tickets = await inventory.for_order(conn, order_id)
    seats = await VenueRepository(session).seats_by_ids([t["seat_id"] for t in tickets])
    return [
        {
            "ticket_id": t["id"],
            "status": t["status"],
            "row": seats[t["seat_id"]].row_label,
            "number": seats[t["seat_id"]].number,
        }
        for t in tickets
    ]


@router.get("/tickets/{ticket_id}/qr.png")
async def ticket_qr(ticket_id: int, request: Request, principal: Principal = Depends(current_principal)) -> Response:
    async with pool().acquire() as conn:
        ticket = await inventory.by_id(conn, ticket_id)
    if ticket is None or ticket["holder_customer_id"] != principal.subject:
        raise HTTPException(status_code=404, detail="ticket not found")
    payload = ticket_payload(ticket["event_id"], ticket["qr_token"], request.app.state.settings.ticket_signing_key)
    png = await asyncio.to_thread(render_qr_png, payload)
    return Response(content=png, media_type="image/png", headers={"Cache-Control": "private, no-store"})


class TransferCodeRequest(BaseModel):
    code: str


@router.post("/tickets/{ticket_id}/transfer-code", status_code=201)
async def set_transfer_code(
    ticket_id: int, body: TransferCodeRequest, principal: Principal = Depends(current_principal)
) -> dict:
    salt = os.urandom(16)
    digest = transfer_code_digest(body.code, salt)
    await redis.set(
        f"transfer-code:{ticket_id}",
        f"{principal.subject}:{base64.b64encode(salt).decode()}:{base64.b64encode(digest).decode()}",
        ex=86400,
    )
    return {"ticket_id": ticket_id, "expires_in": 86400}


class GiftRequest(BaseModel):
    to_email: EmailStr


@router.post("/tickets/{ticket_id}/gift")
async def gift_ticket(
    ticket_id: int,
    body: GiftRequest,
    principal: Principal = Depends(current_principal),
    service: ResaleService = Depends(resale_service),
) -> dict:
    try:
        recipient = await service.gift(ticket_id, principal.subject, body.to_email)
    except ResaleError as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    return {"ticket_id": ticket_id, "holder": recipient}


resale_router = APIRouter(prefix="/resale", tags=["resale"])


class ListingRequest(BaseModel):
    ticket_id: int
    price_cents: int = Field(gt=0)


@resale_router.get("/events/{event_id}")
async def listings(event_id: int, session: AsyncSession = Depends(db_session)) -> list[dict]:
    rows = await ResaleRepository(session).active_for_event(event_id)
    return [{"id": r.id, "ticket_id": r.ticket_id, "price_cents": r.price_cents} for r in rows]


@resale_router.post("/listings", status_code=201)
async def create_listing(
    body: ListingRequest,
    principal: Principal = Depends(current_principal),
    service: ResaleService = Depends(resale_service),
) -> dict:
    try:
        listing = await service.list_ticket(body.ticket_id, principal.subject, body.price_cents)
    except ResaleError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    return {"id": listing.id, "status": listing.status}


@resale_router.post("/listings/{listing_id}/buy")
async def buy_listing(
    listing_id: int,
    principal: Principal = Depends(current_principal),
    service: ResaleService = Depends(resale_service),
) -> dict:
    try:
        listing = await service.buy(listing_id, principal.subject)
    except ResaleError as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    return {"id": listing.id, "status": "sold"}
