from __future__ import annotations

import uuid
from datetime import datetime

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from ..deps import current_shipper, get_services
from ..models import Shipper
from ..services.load_service import LoadInput, StopInput

router = APIRouter(prefix="/loads", tags=["loads"])


class StopIn(BaseModel):
    kind: str = Field(pattern="^(pickup|drop)$")
    address: str
    appointment_at: datetime | None = None


class LoadIn(BaseModel):
    origin_city: str
    origin_state: str = Field(min_length=2, max_length=2)
    dest_city: str
    dest_state: str = Field(min_length=2, max_length=2)
    commodity: str
    weight_lbs: int = Field(gt=0, le=80_000)
    equipment: str
    max_rate_cents: int = Field(gt=0)
    pickup_at: datetime
    deliver_by: datetime
    stops: list[StopIn] = Field(min_length=2, max_length=12)
    notes: str | None = None


class LoadOut(BaseModel):
    id: uuid.UUID
    reference: str
    status: str
    origin: str
    dest: str
    max_rate_cents: int
    pickup_at: datetime

    @classmethod
    def of(cls, load) -> "LoadOut":
        return cls(
            id=load.id,
            reference=load.reference,
            status=load.status.value,
            origin=f"{load.origin_city}, {load.origin_state}",
            dest=f"{load.dest_city}, {load.dest_state}",
            max_rate_cents=load.max_rate_cents,
            pickup_at=load.pickup_at,
        )


@router.post("", response_model=LoadOut, status_code=201)
async def post_load(body: LoadIn, shipper: Shipper = Depends(current_shipper), services=Depends(get_services)):
    data = LoadInput(
        **body.model_dump(exclude={"stops"}),
        stops=[StopInput(**s.model_dump()) for s in body.stops],
    )
    load = await services.loads.post_load(shipper.id, data)
    return LoadOut.of(load)


@router.get("/mine")
async def my_loads(shipper: Shipper = Depends(current_shipper), services=Depends(get_services)):
    rows = await services.loads.shipper_loads_with_bids(shipper.id)
    return [
        {"load": LoadOut.of(r["load"]), "bids": len(r["bids"]), "best_cents": r["best"].amount_cents if r["best"] else None}
        for r in rows
    ]


@router.get("/board")
async def board(after: datetime | None = None, limit: int = Query(50, le=200), services=Depends(get_services)):
    rows = await services.loads.board(after, limit)
    return [{"load": LoadOut.of(r["load"]), "bids": r["bid_count"]} for r in rows]


@router.get("/search", response_model=list[LoadOut])
async def search(q: str = Query(min_length=3), shipper: Shipper = Depends(current_shipper), services=Depends(get_services)):
    return [LoadOut.of(load) for load in await services.loads.search(q)]


@router.get("/{load_id}", response_model=LoadOut)
async def get_load(load_id: uuid.UUID, services=Depends(get_services)):
    return LoadOut.of(await services.loads.get(load_id))


@router.post("/{load_id}/cancel", response_model=LoadOut)
async def cancel(load_id: uuid.UUID, shipper: Shipper = Depends(current_shipper), services=Depends(get_services)):
    return LoadOut.of(await services.loads.cancel(load_id, shipper.id))


@router.get("/{load_id}/suggested-carriers")
async def suggested_carriers(load_id: uuid.UUID, shipper: Shipper = Depends(current_shipper), services=Depends(get_services)):
    load = await services.loads.get(load_id)
    return await services.matching.suggest(load)


@router.get("/tracking/positions")
async def positions(ids: list[uuid.UUID] = Query(max_length=200), shipper: Shipper = Depends(current_shipper),
                    services=Depends(get_services)):
    return await services.tracking.positions(ids)


class CheckCallIn(BaseModel):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    eta: datetime | None = None


@router.post("/{load_id}/check-call", status_code=204)
async def check_call(load_id: uuid.UUID, body: CheckCallIn, shipper: Shipper = Depends(current_shipper),
                     services=Depends(get_services)):
    await services.tracking.check_call(load_id, body.lat, body.lon, body.eta)


@router.get("/tracking/stale")
async def stale(services=Depends(get_services), shipper: Shipper = Depends(current_shipper)):
    return await services.tracking.stale_loads()
