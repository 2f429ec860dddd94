from __future__ import annotations

import csv
import io

from sqlalchemy.ext.asyncio import AsyncSession

from fieldwise.db.models import YieldReport
from fieldwise.errors import IngestionError
from fieldwise.logging_setup import get_logger
from fieldwise.repositories.fields import FieldRepository
from fieldwise.repositories.yields import YieldRepository
from fieldwise.schemas.api import YieldRow

log = get_logger(__name__)

REQUIRED_COLUMNS = ("field_id", "crop_code", "tonnes")


class YieldService:
    def __init__(self, session: AsyncSession) -> None:
        self._repo = YieldRepository(session)
        self._fields = FieldRepository(session)

    async def report(self, farm_id: int, year: int) -> list[YieldRow]:
        reports = await self._repo.list_for_farm(farm_id, year)
        fields = {f.id: f for f in await self._fields.list_for_farm(farm_id)}
        rows: list[YieldRow] = []
        for report in reports:
            crop = await self._repo.crop(report.crop_id)
            field = fields.get(report.field_id)
            per_ha = report.tonnes / field.area_ha if field and field.area_ha else None
            rows.append(YieldRow(field_id=report.field_id, crop=crop.display_name if crop else "?",
                                 tonnes=report.tonnes, tonnes_per_ha=per_ha))
        return rows

    async def benchmark(self, farm_id: int, year: int) -> list[dict[str, float]]:
        reports = await self._repo.list_for_farm(farm_id, year)
        crops = await self._repo.crops_by_id({r.crop_id for r in reports})
        out = []
        for r in reports:
            best = max(x.tonnes for x in reports if x.crop_id == r.crop_id)
            out.append({"field_id": r.field_id, "crop": crops[r.crop_id].code,
                        "relative": r.tonnes / best if best else 0.0})
        return out

    async def import_csv(self, farm_id: int, year: int, raw: bytes) -> int:
        reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise IngestionError(f"missing columns: {', '.join(missing)}")
        crop_ids: dict[str, int] = {}
        reports: list[YieldReport] = []
        for line_no, row in enumerate(reader, start=2):
            try:
                tonnes = float(row["tonnes"])
                field_id = int(row["field_id"])
            except Exception:
                log.debug("yields.skip_row", line=line_no)
                continue
            code = row["crop_code"].strip().lower()
            if code not in crop_ids:
                crop = await self._repo.crop_by_code(code)
                if crop is None:
                    raise IngestionError(f"line {line_no}: unknown crop {code!r}")
                crop_ids[code] = crop.id
            reports.append(YieldReport(farm_id=farm_id, field_id=field_id, crop_id=crop_ids[code],
                                       season_year=year, tonnes=tonnes,
                                       moisture_pct=float(row["moisture_pct"]) if row.get("moisture_pct") else None))
        self._repo.add_many(reports)
        return len(reports)
