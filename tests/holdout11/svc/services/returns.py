"""Returns intake: RMA registration, item grading and photo capture."""
from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import selectinload

from svc.db.models import ReturnAuthorization, ReturnItem
from svc.errors import ConflictError, NotFoundError, ValidationError
from svc.storage import PhotoStore, make_thumbnail, spool_path, write_spool

logger = logging.getLogger(__name__)

GRADES = frozenset({"new", "opened", "damaged", "unsellable"})


class ReturnsService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], photos: PhotoStore, spool_root: str) -> None:
        self._sessions = sessions
        self._photos = photos
        self._spool_root = spool_root

    async def open_return(self, rma_number: str, order_id: int) -> int:
        """Register the RMA when the parcel is first scanned at the returns dock."""
        async with self._sessions() as session:
            existing = await session.scalar(
                select(ReturnAuthorization).where(ReturnAuthorization.rma_number == rma_number)
            )
            if existing is not None:
                return existing.id
            authorization = ReturnAuthorization(rma_number=rma_number, order_id=order_id, status="expected")
            session.add(authorization)
            await session.commit()
            return authorization.id

    async def receive_item(self, return_id: int, sku: str, grade: str, photo: bytes) -> dict[str, Any]:
        if grade not in GRADES:
            raise ValidationError(f"unknown grade {grade!r}", detail={"allowed": sorted(GRADES)})
        key = f"{return_id}/{uuid.uuid4().hex}.jpg"
        write_spool(spool_path(self._spool_root, return_id, key), photo)
        url = await self._photos.upload(key, make_thumbnail(photo))
        async with self._sessions() as session:
            authorization = await session.get(ReturnAuthorization, return_id)
            if authorization is None:
                raise NotFoundError(f"return {return_id} not found")
            if authorization.status == "closed":
                raise ConflictError(f"return {return_id} is already closed")
            session.add(ReturnItem(return_id=return_id, sku=sku, condition=grade, photo_key=key))
            authorization.status = "receiving"
            authorization.received_at = authorization.received_at or datetime.now(UTC)
            await session.commit()
        logger.info("return %s: received %s graded %s", return_id, sku, grade)
        return {"photo_url": url, "photo_key": key}

    async def summary(self, return_id: int) -> dict[str, Any]:
        async with self._sessions() as session:
            authorization = await session.scalar(
                select(ReturnAuthorization)
                .options(selectinload(ReturnAuthorization.items))
                .where(ReturnAuthorization.id == return_id)
            )
        if authorization is None:
            raise NotFoundError(f"return {return_id} not found")
        items = [{"sku": item.sku, "grade": item.condition, "photo": item.photo_key} for item in authorization.items]
        return {"rma": authorization.rma_number, "status": authorization.status, "items": items}
