"""Raw-SQL access to permits."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import asyncpg

from svc.db.pool import connection
from svc.errors import PermitNotFoundError

_COLUMNS = "id, application_number, applicant_id, applicant_email, parcel_id, permit_type, address, status, fee_cents, submitted_at"


@dataclass(slots=True)
class PermitRow:
    id: int
    application_number: str
    applicant_id: int
    applicant_email: str
    parcel_id: str
    permit_type: str
    address: str
    status: str
    fee_cents: int
    submitted_at: datetime

    @classmethod
    def from_record(cls, rec: asyncpg.Record) -> "PermitRow":
        return cls(**dict(rec))


class PermitRepository:
    async def get(self, permit_id: int) -> PermitRow:
        async with connection() as conn:
            rec = await conn.fetchrow(f"SELECT {_COLUMNS} FROM permits WHERE id = $1", permit_id)
        if rec is None:
            raise PermitNotFoundError(f"permit {permit_id} not found")
        return PermitRow.from_record(rec)

    async def get_by_number(self, application_number: str) -> PermitRow | None:
        async with connection() as conn:
            rec = await conn.fetchrow(
                f"SELECT {_COLUMNS} FROM permits WHERE application_number = $1", application_number
            )
        return PermitRow.from_record(rec) if rec else None

    async def list_by_ids(self, ids: list[int]) -> list[PermitRow]:
        async with connection() as conn:
            recs = await conn.fetch(f"SELECT {_COLUMNS} FROM permits WHERE id = ANY($1::bigint[])", ids)
        return [PermitRow.from_record(r) for r in recs]

    async def list_for_applicant(self, applicant_id: int, after_id: int, limit: int) -> list[PermitRow]:
        async with connection() as conn:
            recs = await conn.fetch(
                f"SELECT {_COLUMNS} FROM permits WHERE applicant_id = $1 AND id > $2 ORDER BY id LIMIT $3",
                applicant_id,
                after_id,
                limit,
            )
        return [PermitRow.from_record(r) for r in recs]

    async def find_by_email(self, email: str) -> list[PermitRow]:
        async with connection() as conn:
            recs = await conn.fetch(
                f"SELECT {_COLUMNS} FROM permits WHERE applicant_email = $1 ORDER BY id DESC LIMIT 50",
                email.lower(),
            )
        return [PermitRow.from_record(r) for r in recs]

    async def find_open_for_parcel(self, parcel_id: str, permit_type: str) -> PermitRow | None:
        async with connection() as conn:
            rec = await conn.fetchrow(
                f"SELECT {_COLUMNS} FROM permits WHERE parcel_id = $1 AND permit_type = $2 "
                "AND status NOT IN ('issued', 'withdrawn', 'rejected') LIMIT 1",
                parcel_id,
                permit_type,
            )
        return PermitRow.from_record(rec) if rec else None

    async def search_address(self, fragment: str, limit: int = 25) -> list[PermitRow]:
        async with connection() as conn:
            recs = await conn.fetch(
                f"SELECT {_COLUMNS} FROM permits WHERE address ILIKE '%' || $1 || '%' LIMIT $2",
                fragment,
                limit,
            )
        return [PermitRow.from_record(r) for r in recs]

    async def insert(
        self,
        application_number: str,
        applicant_id: int,
        applicant_email: str,
        parcel_id: str,
        permit_type: str,
        address: str,
        fee_cents: int,
    ) -> int:
        async with connection() as conn:
            return await conn.fetchval(
                """
                INSERT INTO permits (application_number, applicant_id, applicant_email, parcel_id,
                                     permit_type, address, fee_cents)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                RETURNING id
                """,
                application_number,
                applicant_id,
                applicant_email,
                parcel_id,
                permit_type,
                address,
                fee_cents,
            )

    async def insert_amendment(self, application_number: str, parent_id: int, applicant_id: int) -> int | None:
        async with connection() as conn:
            return await conn.fetchval(
                """
                INSERT INTO permits (application_number, applicant_id, applicant_email, parcel_id,
                                     permit_type, address, fee_cents)
                SELECT $1, applicant_id, applicant_email, parcel_id, 'amendment', address, 0
                FROM permits WHERE id = $2 AND applicant_id = $3
                ON CONFLICT ON CONSTRAINT uq_permits_application_number DO NOTHING
                RETURNING id
                """,
                application_number,
                parent_id,
                applicant_id,
            )

    async def transition(self, permit_id: int, from_status: str, to_status: str) -> bool:
        async with connection() as conn:
            updated = await conn.fetchval(
                "UPDATE permits SET status = $3 WHERE id = $1 AND status = $2 RETURNING id",
                permit_id,
                from_status,
                to_status,
            )
        return updated is not None
