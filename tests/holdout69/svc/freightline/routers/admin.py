"""Operations endpoints for the brokerage desk."""
from __future__ import annotations

import asyncio
import secrets

import bcrypt
from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy import update

from freightline.config import get_settings
from freightline.db.engine import sessionmaker
from freightline.db.models import Shipper
from freightline.deps import Principal, require, services
from freightline.metrics import ws_stats
from freightline.schemas import TenderWindow

router = APIRouter(prefix="/admin", tags=["admin"])


def _ops_only(principal: Principal = Depends(require("staff"))) -> Principal:
    if "ops" not in principal.scopes:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "ops scope required")
    return principal


@router.put("/tender-window")
async def set_tender_window(body: TenderWindow, principal: Principal = Depends(_ops_only)) -> dict:
    settings = get_settings()
    settings.tender_ttl_minutes = body.minutes
    return {"tender_ttl_minutes": settings.tender_ttl_minutes}


@router.get("/ws-stats")
async def websocket_stats(principal: Principal = Depends(_ops_only)) -> dict:
    return ws_stats.snapshot()


@router.post("/carriers/{carrier_id}/suspend")
async def suspend_carrier(carrier_id: int, reason: str, principal: Principal = Depends(_ops_only), svc=Depends(services)) -> dict:
    async with sessionmaker()() as session:
        withdrawn = await svc.compliance(session).suspend(carrier_id, reason)
    return {"carrier_id": carrier_id, "withdrawn_bids": withdrawn}


@router.post("/shippers/{shipper_id}/rotate-key")
async def rotate_shipper_key(shipper_id: int, principal: Principal = Depends(_ops_only)) -> dict:
    new_key = secrets.token_urlsafe(32)
    hashed = await asyncio.to_thread(bcrypt.hashpw, new_key.encode(), bcrypt.gensalt(rounds=12))
    async with sessionmaker()() as session:
        result = await session.execute(
            update(Shipper).where(Shipper.id == shipper_id).values(api_key_hash=hashed.decode())
        )
        if result.rowcount == 0:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "shipper not found")
        await session.commit()
    return {"shipper_id": shipper_id, "api_key": new_key}
