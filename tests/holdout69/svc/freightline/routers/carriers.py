"""Carrier profile, compliance and matching endpoints."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from freightline.clients.fmcsa import CarrierNotFound
from freightline.db.engine import get_session
from freightline.deps import Principal, require, services
from freightline.repositories.carriers import CarrierRepository, PayoutRepository

router = APIRouter(prefix="/carriers", tags=["carriers"])


@router.get("/me/compliance")
async def my_compliance(
    principal: Principal = Depends(require("carrier")),
    session: AsyncSession = Depends(get_session),
    svc=Depends(services),
) -> dict:
    carrier = await CarrierRepository(session).get(principal.subject_id)
    if carrier is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "carrier not found")
    try:
        return await svc.compliance(session).current_status(carrier)
    except CarrierNotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "carrier not in registry") from exc


@router.get("/me/loads")
async def matching_loads(
    principal: Principal = Depends(require("carrier")),
    session: AsyncSession = Depends(get_session),
    svc=Depends(services),
) -> list[dict]:
    carrier = await CarrierRepository(session).get(principal.subject_id)
    if carrier is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "carrier not found")
    scored = await svc.matching(session).loads_for_carrier(carrier)
    return [
        {"load_id": load.id, "deadhead_miles": round(miles, 1), "origin": load.origin_city, "dest": load.dest_city}
        for miles, load in scored
    ]


@router.get("/candidates/{load_id}")
async def carrier_candidates(
    load_id: int,
    principal: Principal = Depends(require("shipper")),
    session: AsyncSession = Depends(get_session),
    svc=Depends(services),
) -> list[dict]:
    candidates = await svc.matching(session).candidates_for_load(load_id)
    return [{"carrier_id": c.carrier_id, "deadhead_miles": round(c.deadhead_miles, 1)} for c in candidates]


@router.get("/me/payouts")
async def my_payouts(
    principal: Principal = Depends(require("carrier")),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    rows = await PayoutRepository(session).history(principal.subject_id)
    return [
        {
            "week_start": p.week_start.date().isoformat(),
            "amount_cents": p.amount_cents,
            "status": p.status,
            "transfer_id": p.transfer_id,
        }
        for p in rows
    ]
