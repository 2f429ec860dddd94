from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from seqcore.db.models import Lab
from seqcore.errors import NotFound


class LabRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, lab_id: uuid.UUID) -> Lab:
        lab = await self._session.get(Lab, lab_id)
        if lab is None:
            raise NotFound(f"lab {lab_id} not found")
        return lab

    async def get_many(self, lab_ids: list[uuid.UUID]) -> dict[uuid.UUID, Lab]:
        if not lab_ids:
            return {}
        rows = await self._session.scalars(select(Lab).where(Lab.id.in_(lab_ids)))
        return {lab.id: lab for lab in rows}
