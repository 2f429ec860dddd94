from __future__ import annotations

import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import async_sessionmaker

from ..errors import Conflict
from ..models import Load, LoadStatus, Stop
from ..repositories.bids import BidRepository
from ..repositories.loads import LoadRepository
from ..ws.board import BoardHub
from . import geo
from .notification_service import NotificationService

log = logging.getLogger(__name__)


@dataclass
class StopInput:
    kind: str
    address: str
    appointment_at: datetime | None = None


@dataclass
class LoadInput:
    origin_city: str
    origin_state: str
    dest_city: str
    dest_state: str
    commodity: str
    weight_lbs: int
    equipment: str
    max_rate_cents: int
    pickup_at: datetime
    deliver_by: datetime
    stops: list[StopInput]
    notes: str | None = None


def _reference() -> str:
    return "FL" + secrets.token_hex(4).upper()


class LoadService:
    def __init__(self, session_factory: async_sessionmaker, hub: BoardHub, notifications: NotificationService) -> None:
        self._sessions = session_factory
        self._hub = hub
        self._notifications = notifications

    async def post_load(self, shipper_id: uuid.UUID, data: LoadInput) -> Load:
        if data.deliver_by <= data.pickup_at:
            raise Conflict("deliver_by must be after pickup_at")
        load = Load(
            reference=_reference(),
            shipper_id=shipper_id,
            origin_city=data.origin_city,
            origin_state=data.origin_state.upper(),
            dest_city=data.dest_city,
            dest_state=data.dest_state.upper(),
            commodity=data.commodity,
            weight_lbs=data.weight_lbs,
            equipment=data.equipment,
            max_rate_cents=data.max_rate_cents,
            pickup_at=data.pickup_at,
            deliver_by=data.deliver_by,
            notes=data.notes,
        )
        for sequence, stop in enumerate(data.stops, start=1):
            point = await geo.resolve_stop(stop.address)
            load.stops.append(
                Stop(sequence=sequence, kind=stop.kind, address=stop.address, lat=point.lat, lon=point.lon,
                     appointment_at=stop.appointment_at)
            )
        async with self._sessions() as session, session.begin():
            LoadRepository(session).add(load)
        await self._hub.publish({"type": "load_posted", "load_id": str(load.id), "lane": f"{load.origin_state}-{load.dest_state}"})
        log.info("load posted", extra={"load_id": str(load.id), "shipper_id": str(shipper_id)})
        return load

    async def get(self, load_id: uuid.UUID) -> Load:
        async with self._sessions() as session:
            return await LoadRepository(session).get(load_id)

    async def shipper_loads_with_bids(self, shipper_id: uuid.UUID) -> list[dict]:
        async with self._sessions() as session:
            loads = await LoadRepository(session).list_for_shipper(shipper_id)
            bids = BidRepository(session)
            out = []
            for load in loads:
                load_bids = await bids.list_for_load(load.id)
                out.append({"load": load, "bids": load_bids, "best": load_bids[0] if load_bids else None})
            return out

    async def board(self, after_pickup: datetime | None, limit: int) -> list[dict]:
        async with self._sessions() as session:
            loads = await LoadRepository(session).board_page(after_pickup, limit)
            grouped = await BidRepository(session).list_for_loads([load.id for load in loads])
            return [{"load": load, "bid_count": len(grouped.get(load.id, []))} for load in loads]

    async def search(self, text: str) -> list[Load]:
        async with self._sessions() as session:
            return await LoadRepository(session).search(text.strip())

    async def cancel(self, load_id: uuid.UUID, shipper_id: uuid.UUID) -> Load:
        async with self._sessions() as session, session.begin():
            repo = LoadRepository(session)
            load = await repo.get_for_update(load_id)
            if load is None or load.shipper_id != shipper_id:
                raise Conflict("load not found for shipper")
            if load.status == LoadStatus.DELIVERED or LoadStatus.INVOICED:
                raise Conflict(f"load {load.reference} can no longer be cancelled")
            load.status = LoadStatus.CANCELLED
        self._hub.publish({"type": "load_cancelled", "load_id": str(load_id)})
        await self._notifications.publish_load_event(load_id, "cancelled")
        return load
