"""Inbound receiving."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from fastapi import APIRouter, Depends, Query

from ..deps import ContainerDep, SessionDep, UserDep, api_rate_limit
from ..repositories import receiving_repo
from ..schemas import AsnIn, ReceiptIn

router = APIRouter(prefix="/receiving", tags=["receiving"])


@router.post("/purchase-orders/{po_number}/receipts")
async def receive(
    po_number: str, body: ReceiptIn, principal: UserDep, session: SessionDep, container: ContainerDep
) -> list[dict[str, Any]]:
    return await container.receiving.receive_lines(session, po_number, body, principal.subject)


@router.post("/asn", status_code=202, dependencies=[Depends(api_rate_limit)])
async def import_asn(body: AsnIn, session: SessionDep, container: ContainerDep) -> dict[str, Any]:
    return await container.receiving.import_asn(session, body)


@router.get("/putaway/suggest", dependencies=[Depends(api_rate_limit)])
async def suggest_putaway(
    warehouse_id: int, bin_code: str, session: SessionDep, container: ContainerDep, qty: int = Query(gt=0)
) -> dict[str, Any]:
    return await container.receiving.suggest_putaway(session, warehouse_id, bin_code, qty)


@router.get("/receivers/{receiver_id}/receipts", dependencies=[Depends(api_rate_limit)])
async def receipts_by_receiver(receiver_id: str, session: SessionDep, days: int = Query(7, ge=1, le=90)) -> list[dict[str, Any]]:
    since = datetime.now(timezone.utc) - timedelta(days=days)
    return await receiving_repo.receipts_by_receiver(session, receiver_id, since)


@router.post("/skus/{sku_code}/enrich", dependencies=[Depends(api_rate_limit)])
async def enrich_sku(sku_code: str, session: SessionDep, container: ContainerDep) -> dict[str, Any]:
    sku = await container.receiving.enrich_sku(session, sku_code)
    return {"sku_code": sku.sku_code, "weight_g": sku.weight_g}
