"""Sample records in the results store (asyncpg)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import asyncpg


class DuplicateAccession(Exception):
    pass


@dataclass(frozen=True)
class Sample:
    id: int
    accession_no: str
    clinic_id: int
    order_id: int
    patient_mrn: str
    patient_name: str
    patient_dob: date
    specimen_type: str
    status: str
    collected_at: datetime
    received_at: datetime

    @classmethod
    def from_record(cls, rec: asyncpg.Record) -> "Sample":
        return cls(**dict(rec))


_SAMPLE_COLUMNS = (
    "id, accession_no, clinic_id, order_id, patient_mrn, patient_name, patient_dob, "
    "specimen_type, status, collected_at, received_at"
)


class SamplesRepo:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def create(self, data: dict[str, Any]) -> Sample:
        try:
            rec = await self._conn.fetchrow(
                f"""
                INSERT INTO samples (accession_no, clinic_id, order_id, patient_mrn, patient_name,
                                     patient_dob, specimen_type, collected_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                RETURNING {_SAMPLE_COLUMNS}
                """,
                data["accession_no"], data["clinic_id"], data["order_id"], data["patient_mrn"],
                data["patient_name"], data["patient_dob"], data["specimen_type"], data["collected_at"],
            )
        except asyncpg.UniqueViolationError:
            raise DuplicateAccession(data["accession_no"])
        return Sample.from_record(rec)

    async def get(self, sample_id: int) -> Sample | None:
        rec = await self._conn.fetchrow(f"SELECT {_SAMPLE_COLUMNS} FROM samples WHERE id = $1", sample_id)
        return Sample.from_record(rec) if rec else None

    async def get_by_accession(self, accession_no: str) -> Sample | None:
        rec = await self._conn.fetchrow(
            f"SELECT {_SAMPLE_COLUMNS} FROM samples WHERE accession_no = $1", accession_no
        )
        return Sample.from_record(rec) if rec else None

    async def get_many(self, sample_ids: list[int]) -> dict[int, Sample]:
        rows = await self._conn.fetch(
            f"SELECT {_SAMPLE_COLUMNS} FROM samples WHERE id = ANY($1::bigint[])", sample_ids
        )
        return {r["id"]: Sample.from_record(r) for r in rows}

    async def list_for_clinic(self, clinic_id: int, since: datetime, until: datetime, limit: int = 200) -> list[Sample]:
        rows = await self._conn.fetch(
            f"""
            SELECT {_SAMPLE_COLUMNS} FROM samples
            WHERE clinic_id = $1 AND received_at >= $2 AND received_at < $3
            ORDER BY received_at DESC
            LIMIT $4
            """,
            clinic_id, since, until, limit,
        )
        return [Sample.from_record(r) for r in rows]

    async def list_for_order(self, order_id: int) -> list[Sample]:
        rows = await self._conn.fetch(f"SELECT {_SAMPLE_COLUMNS} FROM samples WHERE order_id = $1", order_id)
        return [Sample.from_record(r) for r in rows]

    async def received_on(self, day: date, clinic_id: int) -> list[Sample]:
        rows = await self._conn.fetch(
            f"""
            SELECT {_SAMPLE_COLUMNS} FROM samples
            WHERE clinic_id = $1 AND to_char(received_at, 'YYYY-MM-DD') = $2
            ORDER BY received_at
            """,
            clinic_id, day.isoformat(),
        )
        return [Sample.from_record(r) for r in rows]

    async def set_status(self, sample_id: int, status: str) -> None:
        await self._conn.execute("UPDATE samples SET status = $2 WHERE id = $1", sample_id, status)
