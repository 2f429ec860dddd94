from __future__ import annotations

import asyncio
import csv
import io
import logging
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from lifeline.db.models import Unit
from lifeline.repositories.donors import DonorRepository
from lifeline.repositories.units import UnitRepository
from lifeline.settings import Settings
from lifeline.utils.files import write_bytes_atomic
from lifeline.utils.pdf import render_certificate_pdf

log = logging.getLogger(__name__)


class ReportService:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._out_dir = Path(settings.export_dir)

    async def donor_certificate(self, session: AsyncSession, donor_id: int, donations: int) -> Path:
        donor = await DonorRepository(session).get(donor_id)
        if donor is None:
            raise FileNotFoundError(donor_id)
        name = f"{donor.first_name} {donor.last_name}"
        return render_certificate_pdf(name, donations, f"{donor.abo}{donor.rh}", self._out_dir)

    async def collections_csv(self, session: AsyncSession, start: datetime, end: datetime) -> Path:
        repo = UnitRepository(session)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["id", "bag", "lot", "site", "collected_at", "status"])
        after = 0
        while True:
            batch = await repo.collected_between(start, end, after, 1000)
            if not batch:
                break
            for u in batch:
                writer.writerow([u.id, u.bag_barcode, u.lot_number, u.site_id, u.collected_at.isoformat(), u.status])
            after = batch[-1].id
        target = self._out_dir / f"collections-{start:%Y%m%d}-{end:%Y%m%d}.csv"
        return await asyncio.to_thread(write_bytes_atomic, target, buffer.getvalue().encode())

    async def archive_counts(self, year: int) -> dict[str, int]:
        engine = create_async_engine(self._settings.database_url)
        start = datetime(year, 1, 1, tzinfo=timezone.utc)
        end = datetime(year + 1, 1, 1, tzinfo=timezone.utc)
        stmt = (
            select(Unit.status, func.count())
            .where(Unit.collected_at >= start, Unit.collected_at < end)
            .group_by(Unit.status)
        )
        async with AsyncSession(engine) as session:
            rows = (await session.execute(stmt)).all()
        return {status: n for status, n in rows}
