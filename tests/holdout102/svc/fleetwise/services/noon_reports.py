from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession

from fleetwise.db.models import NoonReport
from fleetwise.domain.cii import co2_tonnes
from fleetwise.domain.schemas import NoonReportIn
from fleetwise.repositories.noon_reports import NoonReportRepository
from fleetwise.utils.files import attachment_path, write_blob
from fleetwise.utils.timeutil import parse_iso

log = logging.getLogger(__name__)


class MalformedReport(ValueError):
    pass


def parse_compact(text: str) -> NoonReportIn:
    """Parse the compact `KEY=VALUE;` format ship gateways use over Inmarsat C."""
    fields = dict(part.split("=", 1) for part in text.strip().split(";") if "=" in part)
    try:
        return NoonReportIn(
            voyage_id=int(fields["VOY"]),
            reported_at=parse_iso(fields["TS"]),
            distance_nm=float(fields["DIST"]),
            fuel_hfo_t=float(fields.get("HFO", 0)),
            fuel_vlsfo_t=float(fields.get("VLS", 0)),
            fuel_mgo_t=float(fields.get("MGO", 0)),
            remarks=fields.get("RMK"),
        )
    except (KeyError, ValidationError) as exc:
        raise MalformedReport(text[:80]) from exc


class NoonReportService:
    def __init__(self, session: AsyncSession, upload_root: str) -> None:
        self._session = session
        self._repo = NoonReportRepository(session)
        self._root = upload_root

    def _store(self, vessel_id: int, filename: str, data: bytes) -> str:
        target = attachment_path(self._root, vessel_id, filename)
        write_blob(target, data)
        return str(target)

    async def submit(self, vessel_id: int, report: NoonReportIn, filename: str | None, data: bytes | None) -> NoonReport:
        stored = None
        if data:
            stored = self._store(vessel_id, filename or "report.bin", data)
        row = NoonReport(vessel_id=vessel_id, attachment_path=stored, **report.model_dump())
        await self._repo.add(row)
        await self._session.commit()
        log.info("noon report stored", extra={"vessel_id": vessel_id, "voyage_id": report.voyage_id})
        return row

    async def voyage_summary(self, voyage_id: int) -> dict:
        reports = await self._repo.for_voyage(voyage_id)
        distance = sum(r.distance_nm for r in reports)
        co2 = sum(co2_tonnes(r.fuel_hfo_t, r.fuel_vlsfo_t, r.fuel_mgo_t) for r in reports)
        return {"voyage_id": voyage_id, "reports": len(reports), "distance_nm": distance, "co2_t": round(co2, 3)}
