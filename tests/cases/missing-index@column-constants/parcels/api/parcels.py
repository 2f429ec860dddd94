"""Parcel endpoints."""
from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter

from parcels.repositories.parcels import ParcelRepository

router = APIRouter(prefix="/parcels")
repo = ParcelRepository()


@router.get("/track/{code}")
async def track(code: str) -> dict:
    row = await repo.by_tracking_code(code)
    return {"status": row["status"] if row else None}


@router.get("/phone/{phone}")
async def for_phone(phone: str) -> list[dict]:
    return [dict(r) for r in await repo.open_for_phone(phone)]


@router.post("/{parcel_id}/deliver")
async def deliver(parcel_id: UUID) -> None:
    await repo.deliver(parcel_id)
