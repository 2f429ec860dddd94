"""Pickup/return inspections with photos; damage is charged against the deposit."""
from __future__ import annotations

import asyncio
import logging
import uuid

from ..clients.storage import PhotoStore
from ..models import Inspection, InspectionPhoto
from ..repositories import InspectionRepository, ReservationRepository
from ..utils.images import make_thumbnail, strip_metadata
from .deposits import DepositService
from .errors import InspectionNotFound, ReservationNotFound

logger = logging.getLogger(__name__)


class InspectionService:
    def __init__(
        self,
        inspections: InspectionRepository,
        reservations: ReservationRepository,
        store: PhotoStore,
        deposits: DepositService,
    ) -> None:
        self._inspections = inspections
        self._reservations = reservations
        self._store = store
        self._deposits = deposits

    async def start(self, reservation_id: uuid.UUID, kind: str, inspector: str) -> Inspection:
        if await self._reservations.get(reservation_id) is None:
            raise ReservationNotFound(str(reservation_id))
        inspection = Inspection(reservation_id=reservation_id, kind=kind, inspector=inspector)
        await self._inspections.add(inspection)
        await self._inspections.commit()
        return inspection

    async def add_photo(self, inspection_id: uuid.UUID, data: bytes) -> InspectionPhoto:
        inspection = await self._inspections.get(inspection_id)
        if inspection is None:
            raise InspectionNotFound(str(inspection_id))
        clean = await asyncio.to_thread(strip_metadata, data)
        thumb = make_thumbnail(clean)
        base = f"inspections/{inspection.reservation_id}/{inspection.id}/{uuid.uuid4().hex}"
        await asyncio.to_thread(self._store.put_photo, f"{base}.jpg", clean)
        await asyncio.to_thread(self._store.put_photo, f"{base}_thumb.jpg", thumb)
        photo = await self._inspections.add_photo(inspection.id, f"{base}.jpg", f"{base}_thumb.jpg", len(clean))
        await self._inspections.commit()
        return photo

    async def discard(self, inspection_id: uuid.UUID) -> None:
        inspection = await self._inspections.get(inspection_id)
        if inspection is None:
            raise InspectionNotFound(str(inspection_id))
        photos = await self._inspections.photos_for(inspection_id)
        keys = [p.storage_key for p in photos] + [p.thumb_key for p in photos]
        self._store.delete_photos(keys)
        await self._inspections.delete(inspection)
        await self._inspections.commit()

    async def record_damage(self, inspection_id: uuid.UUID, amount_cents: int, notes: str) -> str | None:
        inspection = await self._inspections.get(inspection_id)
        if inspection is None:
            raise InspectionNotFound(str(inspection_id))
        reservation = await self._reservations.for_update(inspection.reservation_id)
        if reservation is None:
            raise ReservationNotFound(str(inspection.reservation_id))
        inspection.damage_found = True
        inspection.notes = notes
        charge_id = await self._deposits.capture_damage(reservation, amount_cents, notes)
        await self._reservations.commit()
        logger.info("damage of %d cents recorded on %s (charge %s)", amount_cents, reservation.code, charge_id)
        return charge_id
