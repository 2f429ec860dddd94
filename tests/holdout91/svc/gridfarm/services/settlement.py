from __future__ import annotations

import asyncio
import logging
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Site
from ..repositories.nominations import SettlementRepository
from ..repositories.telemetry import TelemetryRepository
from ..utils.reportfiles import persist_report
from ..utils.signing import derive_archive_key

log = logging.getLogger(__name__)

DEFAULT_PRICE_EUR_MWH = Decimal("62.40")


class SettlementService:
    def __init__(self, telemetry: TelemetryRepository, report_dir: str, archive_secret: str) -> None:
        self._telemetry = telemetry
        self._report_dir = report_dir
        self._archive_secret = archive_secret

    def _rows(self, site: Site, energy_mwh: float, availability: float) -> list[dict[str, Any]]:
        revenue = (Decimal(str(energy_mwh)) * DEFAULT_PRICE_EUR_MWH).quantize(Decimal("0.01"))
        return [{"site": site.code, "energy_mwh": round(energy_mwh, 3), "revenue_eur": str(revenue),
                 "availability_pct": availability}]

    async def settle(self, session: AsyncSession, site: Site, day: date, availability: float) -> dict[str, Any]:
        energy = await self._telemetry.energy_for_day(site.id, day)
        rows = self._rows(site, energy, availability)
        await SettlementRepository(session).upsert(site.id, day, energy, float(rows[0]["revenue_eur"]), availability)
        await session.commit()
        path = persist_report(self._report_dir, site.code, day.isoformat(), rows)
        key = derive_archive_key(self._archive_secret, site.code)
        return {"path": str(path), "key_id": key[:4].hex(), "energy_mwh": energy}

    async def regenerate(self, site: Site, day: date, rows: list[dict[str, Any]]) -> str:
        path = await asyncio.to_thread(persist_report, self._report_dir, site.code, day.isoformat(), rows)
        key = await asyncio.to_thread(derive_archive_key, self._archive_secret, site.code)
        log.info("regenerated %s (key %s)", path, key[:4].hex())
        return str(path)
