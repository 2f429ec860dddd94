from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy.dialects.postgresql import insert

from ..models import Hospital
from .base import BaseRepository


class HospitalRepository(BaseRepository[Hospital]):
    model = Hospital

    async def upsert_statuses(self, rows: Iterable[dict], now: datetime) -> int:
        values = [
            {"code": r["code"], "name": r["name"], "diversion_status": r["status"],
             "diversion_reason": r.get("reason"), "updated_at": now}
            for r in rows
        ]
        if not values:
            return 0
        stmt = insert(Hospital).values(values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[Hospital.code],
            set_={
                "diversion_status": stmt.excluded.diversion_status,
                "diversion_reason": stmt.excluded.diversion_reason,
                "updated_at": stmt.excluded.updated_at,
            },
        )
        await self.session.execute(stmt)
        return len(values)
