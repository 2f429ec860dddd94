"""Back-office: surge pricing, partner keys, support lookups, finance reports."""
from __future__ import annotations

import asyncio
import secrets
from datetime import date
from typing import Annotated, Any

import requests
from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field, HttpUrl
from starlette.concurrency import run_in_threadpool

from svc.api.deps import get_db, get_dispatch, get_order_repo, require_admin
from svc.clients.printer import TicketPrinter
from svc.config import get_settings
from svc.db.stores import Database
from svc.repositories.orders import OrderRepository
from svc.services.auth import hash_api_key
from svc.services.dispatch import DispatchService
from svc.services.reports import ReportService

router = APIRouter(prefix="/admin", dependencies=[Depends(require_admin)])


class SurgeIn(BaseModel):
    zone: str
    multiplier: float = Field(ge=1.0, le=3.0)


class WebhookCheckIn(BaseModel):
    url: HttpUrl


@router.post("/surge")
async def set_surge(body: SurgeIn, dispatch: Annotated[DispatchService, Depends(get_dispatch)]) -> dict[str, int]:
    return {"couriers_notified": await dispatch.broadcast_surge(body.zone, body.multiplier)}


@router.post("/restaurants/{restaurant_id}/webhook-check")
def check_webhook(restaurant_id: int, body: WebhookCheckIn) -> dict[str, Any]:
    resp = requests.head(str(body.url), allow_redirects=True)
    return {"restaurant_id": restaurant_id, "reachable": resp.ok, "status": resp.status_code}


@router.post("/restaurants/{restaurant_id}/partner-keys", status_code=201)
async def rotate_partner_key(restaurant_id: int, db: Annotated[Database, Depends(get_db)]) -> dict[str, str]:
    raw = secrets.token_urlsafe(32)
    digest = await asyncio.to_thread(hash_api_key, raw, get_settings().partner_key_salt.encode())
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE partner_keys SET revoked_at = now() WHERE restaurant_id = $1 AND revoked_at IS NULL", restaurant_id
        )
        await conn.execute("INSERT INTO partner_keys (restaurant_id, key_hash) VALUES ($1, $2)", restaurant_id, digest)
    return {"key": raw}


@router.get("/support/orders")
async def support_lookup(
    phone: str, orders: Annotated[OrderRepository, Depends(get_order_repo)]
) -> list[dict[str, Any]]:
    return await orders.find_by_customer_phone(phone)


@router.get("/reports/payouts")
async def payout_report(period_start: date) -> list[dict[str, Any]]:
    return await ReportService(get_settings()).payout_summary(period_start)


@router.get("/printer")
async def printer_status(request: Request) -> dict[str, str]:
    printer: TicketPrinter = request.app.state.printer
    return {"status": await run_in_threadpool(printer.status)}
