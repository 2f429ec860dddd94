from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from seqcore.db.models import Delivery


class DeliveryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def create(self, lab_id: uuid.UUID, run_id: uuid.UUID, bucket: str, prefix: str,
                     expires_at: datetime) -> Delivery:
        delivery = Delivery(lab_id=lab_id, run_id=run_id, bucket=bucket, prefix=prefix, expires_at=expires_at)
        self._session.add(delivery)
        await self._session.flush()
        return delivery

    async def list_for_lab(self, lab_id: uuid.UUID) -> list[Delivery]:
        stmt = select(Delivery).where(Delivery.lab_id == lab_id).order_by(Delivery.expires_at.desc())
        return list(await self._session.scalars(stmt))

    async def object_keys_for_sample(self, run_id: uuid.UUID, sample_name: str) -> list[str]:
        rows = await self._session.execute(
            text(
                "SELECT object_key FROM run_outputs WHERE run_id = :run_id AND sample_name = :name "
                "ORDER BY object_key"
            ),
            {"run_id": run_id, "name": sample_name},
        )
        return [r.object_key for r in rows]

    async def object_keys_for_run(self, run_id: uuid.UUID) -> dict[str, list[str]]:
        rows = await self._session.execute(
            text("SELECT sample_name, object_key FROM run_outputs WHERE run_id = :run_id ORDER BY object_key"),
            {"run_id": run_id},
        )
        out: dict[str, list[str]] = {}
        for r in rows:
            out.setdefault(r.sample_name, []).append(r.object_key)
        return out

    async def record_outputs(self, run_id: uuid.UUID, outputs: list[tuple[str, str, int]]) -> None:
        await self._session.execute(
            text(
                "INSERT INTO run_outputs (run_id, sample_name, object_key, size_bytes) "
                "VALUES (:run_id, :sample_name, :object_key, :size) "
                "ON CONFLICT (run_id, object_key) DO UPDATE SET size_bytes = EXCLUDED.size_bytes"
            ),
            [{"run_id": run_id, "sample_name": s, "object_key": k, "size": n} for s, k, n in outputs],
        )
