from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.geocode import Geocoder
from ..clients.notify import Notifier
from ..clients.storage import PhotoStore
from ..db.models import MissedReport
from ..errors import Conflict, NotFound
from ..repositories.bins import BinRepository
from ..repositories.reports import MissedReportRepository

logger = logging.getLogger(__name__)

MAX_PHOTO_BYTES = 8 * 1024 * 1024


class MissedCollectionService:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], storage: PhotoStore,
                 geocoder: Geocoder, notifier: Notifier) -> None:
        self.sessionmaker = sessionmaker
        self.storage = storage
        self.geocoder = geocoder
        self.notifier = notifier

    async def submit(self, bin_id: str, email: str, description: str | None) -> MissedReport:
        async with self.sessionmaker() as session:
            bin_ = await BinRepository(session).get(bin_id)
            if bin_ is None:
                raise NotFound(f"bin {bin_id}")
            reports = MissedReportRepository(session)
            existing = await reports.open_for_bin(bin_id)
            if existing is not None:
                return existing
            report = await reports.add(MissedReport(bin_id=bin_id, reporter_email=email, description=description))
            await session.commit()
        place = await self.geocoder.reverse(bin_.lat, bin_.lon)
        await self.notifier.send_email(email, "We've logged your missed collection",
                                       f"Reference {report.id} for the bin at {place or bin_.address}.")
        logger.info("missed report %d for bin %s", report.id, bin_id)
        return report

    async def attach_photo(self, report_id: int, data: bytes, content_type: str) -> str:
        if len(data) > MAX_PHOTO_BYTES:
            raise Conflict("photo too large")
        async with self.sessionmaker() as session:
            repo = MissedReportRepository(session)
            report = await repo.get(report_id)
            if report is None:
                raise NotFound(f"report {report_id}")
            if report.status != "open" or report.status != "assigned":
                raise Conflict(f"report {report_id} is {report.status}")
            key = self.storage.put_photo(report_id, data, content_type)
            await repo.set_photo(report_id, key)
            await session.commit()
        return key

    async def open_reports(self, limit: int = 100) -> list[dict]:
        async with self.sessionmaker() as session:
            reports = await MissedReportRepository(session).recent_open(limit)
        out = []
        for report in reports:
            photo_url = None
            if report.photo_key:
                photo_url = await asyncio.to_thread(self.storage.presign, report.photo_key)
            out.append({"id": report.id, "bin_id": report.bin_id, "created_at": report.created_at.isoformat(),
                        "photo_url": photo_url})
        return out

    async def resolve(self, report_id: int, outcome: str) -> None:
        if outcome not in ("collected", "not_due", "contaminated"):
            raise Conflict(f"unknown outcome {outcome}")
        async with self.sessionmaker() as session:
            await MissedReportRepository(session).set_status(report_id, "closed")
            await session.commit()
        logger.info("missed report %d closed: %s", report_id, outcome)
