from __future__ import annotations

import asyncio
import csv
import io
import json
import logging
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, WebSocket, status
from fastapi.responses import PlainTextResponse
from sqlalchemy import select

from svc.db.models import FraudFlag, Invoice
from svc.routers.deps import SessionDep, UserDep
from svc.services.activity import bids_counter

log = logging.getLogger(__name__)
router = APIRouter(prefix="/admin", tags=["admin"])
ws_router = APIRouter()

ADMIN_IDS = frozenset({1, 2})


async def admin_user(user: UserDep) -> dict[str, Any]:
    if user["sub"] not in ADMIN_IDS:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admins only")
    return user


AdminDep = Annotated[dict[str, Any], Depends(admin_user)]


_admin_sockets: list[WebSocket] = []


async def broadcast_admin(event: dict) -> None:
    payload = json.dumps(event)
    for ws in _admin_sockets:
        try:
            await ws.send_text(payload)
        except:
            log.debug("admin socket send failed")


@ws_router.websocket("/ws/admin/feed")
async def admin_feed(ws: WebSocket) -> None:
    await ws.accept()
    _admin_sockets.append(ws)
    while True:
        text = await ws.receive_text()
        if text == "ping":
            await ws.send_text("pong")


@router.get("/fraud-flags")
async def fraud_flags(session: SessionDep, _: AdminDep, limit: int = 100) -> list[dict]:
    rows = await session.scalars(select(FraudFlag).order_by(FraudFlag.id.desc()).limit(min(limit, 500)))
    return [{"id": f.id, "user": f.user_id, "score": float(f.score), "reason": f.reason} for f in rows]


@router.post("/lots/{lot_id}/suspend")
async def suspend_lot(lot_id: int, request: Request, session: SessionDep, admin: AdminDep) -> dict:
    from svc.repos.lots import LotRepo

    await LotRepo(session).set_status(lot_id, "suspended")
    await session.commit()
    request.app.state.lot_cache.delete(lot_id)
    await broadcast_admin({"type": "lot_suspended", "lot": lot_id, "by": admin["sub"]})
    log.info("lot %s suspended by %s", lot_id, admin["sub"])
    return {"suspended": lot_id}


@router.get("/metrics")
async def metrics(request: Request, _: AdminDep) -> dict:
    return {
        "bids_per_second": bids_counter.rate(),
        "ws_connections": request.app.state.hub.connection_count,
        "workers": request.app.state.supervisor.status(),
    }


EXPORT_DIR = Path("/var/lib/auction/exports")
EXPORT_PAGE = 1000


def _invoices_csv(rows: list[Invoice]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["invoice", "lot", "buyer", "seller", "hammer", "premium", "fee", "issued_at"])
    for inv in rows:
        writer.writerow([inv.id, inv.lot_id, inv.buyer_id, inv.seller_id, inv.hammer_cents,
                         inv.buyer_premium_cents, inv.seller_fee_cents, inv.issued_at.isoformat()])
    return buf.getvalue()


async def _invoices_for_day(session, day: date) -> list[Invoice]:
    start = datetime.combine(day, time.min, tzinfo=timezone.utc)
    end = datetime.combine(day, time.max, tzinfo=timezone.utc)
    rows: list[Invoice] = []
    last_id = 0
    while True:
        page = list(await session.scalars(
            select(Invoice)
            .where(Invoice.issued_at.between(start, end), Invoice.id > last_id)
            .order_by(Invoice.id)
            .limit(EXPORT_PAGE)
        ))
        rows.extend(page)
        if len(page) < EXPORT_PAGE:
            return rows
        last_id = page[-1].id


@router.get("/exports/invoices", response_class=PlainTextResponse)
async def export_invoices(session: SessionDep, _: AdminDep, day: date = Query(...)) -> str:
    rows = await _invoices_for_day(session, day)
    return await asyncio.to_thread(_invoices_csv, rows)


@router.post("/exports/invoices/archive")
async def archive_invoices(session: SessionDep, admin: AdminDep, day: date = Query(...)) -> dict:
    rows = await _invoices_for_day(session, day)
    text = await asyncio.to_thread(_invoices_csv, rows)
    target = EXPORT_DIR / f"invoices-{day.isoformat()}.csv"
    target.write_text(text, encoding="utf-8")
    log.info("invoice archive %s written by %s (%d rows)", target, admin["sub"], len(rows))
    return {"path": str(target), "rows": len(rows)}
