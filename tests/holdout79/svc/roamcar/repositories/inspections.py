from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..models import Inspection, InspectionPhoto
from .base import BaseRepository


class InspectionRepository(BaseRepository[Inspection]):
    model = Inspection

    async def for_reservation(self, reservation_id: uuid.UUID) -> Sequence[Inspection]:
        stmt = (
            select(Inspection)
            .where(Inspection.reservation_id == reservation_id)
            .options(selectinload(Inspection.photos))
            .order_by(Inspection.created_at)
        )
        return (await self._session.execute(stmt)).scalars().all()

    async def photos_for(self, inspection_id: uuid.UUID) -> Sequence[InspectionPhoto]:
        stmt = select(InspectionPhoto).where(InspectionPhoto.inspection_id == inspection_id)
        return (await self._session.execute(stmt)).scalars().all()

    async def add_photo(self, inspection_id: uuid.UUID, storage_key: str, thumb_key: str, size_bytes: int) -> InspectionPhoto:
        photo = InspectionPhoto(
            inspection_id=inspection_id, storage_key=storage_key, thumb_key=thumb_key, size_bytes=size_bytes
        )
        self._session.add(photo)
        await self._session.flush()
        return photo
