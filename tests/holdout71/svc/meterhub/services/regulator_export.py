"""Monthly regulator returns: consumption by tariff class and supply
interruption indices (SAIDI/SAIFI), signed and delivered over SFTP."""
from __future__ import annotations

import asyncio
import copy
import csv
import logging
import subprocess
import uuid
from datetime import date, datetime, timezone
from pathlib import Path

import paramiko
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import create_async_engine

from ..config import get_settings
from ..db import SessionLocal, get_redis
from ..models import Outage
from ..utils.locks import RedisLock
from ..utils.timeutil import month_bounds

log = logging.getLogger(__name__)

CONSUMPTION_SQL = text(
    """
    SELECT a.tariff_code, m.commodity, count(DISTINCT m.id) AS meters,
           sum(r.value) AS total_register
    FROM meter_readings r
    JOIN meters m ON m.id = r.meter_id
    JOIN accounts a ON a.id = m.account_id
    WHERE date_trunc('month', r.read_at) = :month
    GROUP BY a.tariff_code, m.commodity
    ORDER BY a.tariff_code
    """
)


def _write_csv(path: Path, header: list[str], rows: list[tuple]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def upload_file(host: str, user: str, key_path: Path, local: Path, remote_dir: str) -> str:
    """Blocking SFTP upload; callers must run this off the event loop."""
    key = paramiko.Ed25519Key.from_private_key_file(str(key_path))
    transport = paramiko.Transport((host, 22))
    transport.banner_timeout = 20
    try:
        transport.connect(username=user, pkey=key)
        sftp = paramiko.SFTPClient.from_transport(transport)
        sftp.get_channel().settimeout(60)
        remote = f"{remote_dir.rstrip('/')}/{local.name}"
        sftp.put(str(local), remote)
        log.info("uploaded %s to %s:%s", local.name, host, remote)
        return remote
    finally:
        transport.close()


def _sign_file(path: Path) -> Path:
    sig = path.with_suffix(path.suffix + ".asc")
    subprocess.run(
        ["gpg", "--batch", "--yes", "--armor", "--detach-sign", "--output", str(sig), str(path)],
        check=True,
        timeout=120,
    )
    return sig


async def _consumption_rows(month: date) -> list[tuple]:
    s = get_settings()
    engine = create_async_engine(s.reporting_replica_url, pool_size=2)
    async with engine.connect() as conn:
        result = await conn.execute(CONSUMPTION_SQL, {"month": datetime(month.year, month.month, 1, tzinfo=timezone.utc)})
        return [tuple(r) for r in result.all()]


async def _reliability(month: date, customers_served: int) -> dict:
    start, end = month_bounds(month)
    async with SessionLocal() as session:
        rows = await session.scalars(
            select(Outage).where(Outage.started_at >= start, Outage.started_at < end, Outage.resolved_at.is_not(None))
        )
        outages = list(rows)
    customer_minutes = sum(
        o.affected_premises * (o.resolved_at - o.started_at).total_seconds() / 60 for o in outages
    )
    interruptions = sum(o.affected_premises for o in outages)
    return {
        "saidi_minutes": round(customer_minutes / max(customers_served, 1), 3),
        "saifi": round(interruptions / max(customers_served, 1), 4),
        "events": len(outages),
    }


async def export_month(month: date, customers_served: int) -> dict:
    s = get_settings()
    lock = RedisLock(get_redis(), f"lock:regulator-export:{month:%Y-%m}", ttl_ms=30 * 60_000, token=uuid.uuid4().hex)
    if not await lock.acquire():
        log.info("regulator export for %s already running elsewhere", month)
        return {"status": "skipped"}
    try:
        rows = await _consumption_rows(month)
        audited = copy.deepcopy(rows)
        total = sum((Decimal(r[3] or 0) for r in audited), Decimal("0"))
        reliability = await _reliability(month, customers_served)

        out = s.export_dir / f"{month:%Y%m}_consumption.csv"
        await asyncio.to_thread(_write_csv, out, ["tariff", "commodity", "meters", "register_total"], audited)
        rel = s.export_dir / f"{month:%Y%m}_reliability.csv"
        await asyncio.to_thread(_write_csv, rel, list(reliability), [tuple(reliability.values())])

        signatures = [_sign_file(out), _sign_file(rel)]
        for path in (out, rel, *signatures):
            await asyncio.to_thread(
                upload_file, s.regulator_sftp_host, s.regulator_sftp_user, s.regulator_key_path, path, "/inbound"
            )
        log.info("regulator export %s delivered: total=%s saidi=%s", month, total, reliability["saidi_minutes"])
        return {"status": "delivered", "total": str(total), **reliability}
    finally:
        await lock.release()
