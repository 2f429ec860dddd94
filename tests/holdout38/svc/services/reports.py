from __future__ import annotations

import asyncio
import copy
import csv
import datetime as dt
import hashlib
import io
import os

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from ..config import settings

VISITS_SQL = text(
    """
    SELECT a.id, a.patient_id, a.clinician_id, s.starts_at, a.status
    FROM appointments a
    JOIN calendar_slots s ON s.id = a.slot_id
    WHERE s.starts_at >= :start AND s.starts_at < :end
    ORDER BY s.starts_at
    """
)


async def visits_between(start: dt.datetime, end: dt.datetime) -> list[dict]:
    engine = create_async_engine(settings.database_url)
    async with engine.connect() as conn:
        result = await conn.execute(VISITS_SQL, {"start": start, "end": end})
        rows = [dict(r._mapping) for r in result]
    return rows


def _derive_export_key(passphrase: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", passphrase.encode(), salt, 600_000)


async def export_visits_csv(start: dt.datetime, end: dt.datetime, passphrase: str) -> tuple[bytes, bytes]:
    rows = await visits_between(start, end)
    snapshot = copy.deepcopy(rows)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=["id", "patient_id", "clinician_id", "starts_at", "status"])
    writer.writeheader()
    for row in snapshot:
        writer.writerow(row)
    salt = os.urandom(16)
    key = hashlib.pbkdf2_hmac("sha256", passphrase.encode(), salt, 600_000)
    return buf.getvalue().encode(), key


async def export_key_offloaded(passphrase: str) -> tuple[bytes, bytes]:
    salt = os.urandom(16)
    key = await asyncio.to_thread(_derive_export_key, passphrase, salt)
    return salt, key


async def clinician_leaderboard(session: AsyncSession, start: dt.datetime, end: dt.datetime) -> list[dict]:
    result = await session.execute(
        text(
            "SELECT a.clinician_id, count(*) AS visits FROM appointments a "
            "JOIN calendar_slots s ON s.id = a.slot_id "
            "WHERE a.status = 'completed' AND s.starts_at >= :start AND s.starts_at < :end "
            "GROUP BY a.clinician_id"
        ),
        {"start": start, "end": end},
    )
    totals = {row.clinician_id: row.visits for row in result}
    board = []
    for clinician_id, total in totals.items():
        rank = sorted(totals.values(), reverse=True).index(total) + 1
        board.append({"clinician_id": clinician_id, "visits": total, "rank": rank})
    return sorted(board, key=lambda b: b["rank"])


async def no_show_rate(session: AsyncSession, start: dt.datetime, end: dt.datetime) -> float:
    result = await session.execute(
        text(
            "SELECT count(*) FILTER (WHERE a.status = 'no_show') AS missed, count(*) AS total "
            "FROM appointments a JOIN calendar_slots s ON s.id = a.slot_id "
            "WHERE s.starts_at >= :start AND s.starts_at < :end"
        ),
        {"start": start, "end": end},
    )
    row = result.one()
    return (row.missed / row.total) if row.total else 0.0
