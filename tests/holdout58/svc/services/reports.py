"""Fleet reports served from the read replica."""
from __future__ import annotations

import csv
import io
from collections import Counter

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from ..config import get_settings
from ..db.models import Certificate, Device
from ..utils.time import utcnow


async def certificate_report(site_id: str) -> list[dict]:
    engine = create_async_engine(get_settings().reporting_database_url, pool_size=2)
    async with AsyncSession(engine) as session:
        devices = list(
            (await session.execute(select(Device).where(Device.site_id == site_id).order_by(Device.serial))).scalars()
        )
        certs = list(
            (
                await session.execute(
                    select(Certificate)
                    .join(Device, Device.id == Certificate.device_id)
                    .where(Device.site_id == site_id, Certificate.status == "active")
                )
            ).scalars()
        )
    now = utcnow()
    rows = []
    for device in devices:
        cert = next((c for c in certs if c.device_id == device.id), None)
        rows.append(
            {
                "device_id": device.id,
                "serial": device.serial,
                "certificate": cert.serial if cert else None,
                "days_left": (cert.not_after - now).days if cert else None,
            }
        )
    return rows


async def firmware_distribution(session: AsyncSession, site_id: str) -> dict[str, int]:
    stmt = select(Device.firmware_version).where(Device.site_id == site_id, Device.status == "active")
    versions = (await session.execute(stmt)).scalars()
    return dict(Counter(versions).most_common())


def rows_to_csv(rows: list[dict]) -> str:
    if not rows:
        return ""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()
