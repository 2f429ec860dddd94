"""Nightly billing export: unexported billing lines -> clearinghouse CSV."""
from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Clinic

log = logging.getLogger(__name__)


class UnknownCptCode(Exception):
    pass


@dataclass(frozen=True)
class Fee:
    cpt: str
    modifier: str | None
    cents: int


def fee_for(cpt: str, schedule: list[Fee]) -> Fee:
    for fee in schedule:
        if fee.cpt == cpt and fee.modifier is None:
            return fee
    raise UnknownCptCode(cpt)


async def build_export(session: AsyncSession, lines: list[dict[str, Any]], schedule: list[Fee]) -> tuple[bytes, list[int]]:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["account", "accession", "mrn", "service_date", "cpt", "units", "amount_cents"])
    exported: list[int] = []
    for line in lines:
        clinic = (await session.execute(select(Clinic).where(Clinic.id == line["clinic_id"]))).scalar_one_or_none()
        try:
            fee = fee_for(line["cpt_code"], schedule)
        except UnknownCptCode:
            continue
        writer.writerow([
            clinic.billing_account if clinic else "UNKNOWN",
            line["accession_no"],
            line["patient_mrn"],
            line["received_at"].date().isoformat(),
            fee.cpt,
            line["units"],
            fee.cents * line["units"],
        ])
        exported.append(line["id"])
    log.info("built billing export: %d lines", len(lines))
    return out.getvalue().encode(), [line["id"] for line in lines]


def export_filename(now: datetime) -> str:
    return f"lims-claims-{now:%Y%m%d-%H%M%S}.csv"


class BillingRepo:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def add_lines(self, sample_id: int, cpt_codes: list[str]) -> None:
        await self._conn.executemany(
            "INSERT INTO billing_lines (sample_id, cpt_code) VALUES ($1, $2)",
            [(sample_id, code) for code in cpt_codes],
        )

    async def unexported(self, limit: int = 5000) -> list[dict[str, Any]]:
        rows = await self._conn.fetch(
            """
            SELECT b.id, b.sample_id, b.cpt_code, b.units, s.clinic_id, s.accession_no, s.patient_mrn,
                   s.received_at
            FROM billing_lines b JOIN samples s ON s.id = b.sample_id
            WHERE b.exported_at IS NULL
            ORDER BY b.id LIMIT $1
            """,
            limit,
        )
        return [dict(r) for r in rows]

    async def mark_exported(self, line_ids: list[int]) -> None:
        await self._conn.execute(
            "UPDATE billing_lines SET exported_at = now() WHERE id = ANY($1::bigint[])", line_ids
        )
