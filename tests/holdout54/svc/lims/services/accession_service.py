"""Sample accessioning: accession numbers, sample rows, billing lines, labels."""
from __future__ import annotations

import logging
from datetime import date, datetime, timezone
from typing import Any

from redis.asyncio import Redis

from ..db.pg import transaction
from ..repos.samples_repo import Sample, SamplesRepo
from .audit import AuditService
from .billing_export import BillingRepo
from .labels import LabelService

log = logging.getLogger(__name__)

PANEL_CPT = {
    "CMP": ["80053"],
    "CBC": ["85025"],
    "LIPID": ["80061"],
    "TSH": ["84443"],
    "UA": ["81003"],
    "HBA1C": ["83036"],
}


class AccessionService:
    def __init__(self, redis: Redis, labels: LabelService, audit: AuditService) -> None:
        self.redis = redis
        self.labels = labels
        self.audit = audit

    async def _next_accession(self, day: date) -> str:
        key = f"accession:seq:{day:%Y%m%d}"
        current = await self.redis.get(key)
        seq = int(current or 0) + 1
        await self.redis.set(key, seq, ex=172_800)
        return f"L{day:%y%m%d}{seq:05d}"

    async def _next_manifest_no(self, clinic_id: int) -> int:
        return await self.redis.incr(f"manifest:seq:{clinic_id}")

    async def accession(self, clinic_id: int, payload: dict[str, Any], printer: str, actor: str) -> Sample:
        accession_no = await self._next_accession(datetime.now(timezone.utc).date())
        data = {**payload, "clinic_id": clinic_id, "accession_no": accession_no}
        cpt_codes = [code for panel in payload.get("panels", []) for code in PANEL_CPT.get(panel, [])]
        async with transaction() as conn:
            sample = await SamplesRepo(conn).create(data)
            if cpt_codes:
                await BillingRepo(conn).add_lines(sample.id, cpt_codes)
            await self.audit.record_in(conn, actor, "accession", "sample", sample.id, {"panels": payload.get("panels")})
        await self.labels.print_for_sample(sample, printer)
        log.info("accessioned %s for clinic %s", accession_no, clinic_id)
        return sample

    async def accession_manifest(self, clinic_id: int, items: list[dict[str, Any]], printer: str, actor: str) -> dict[str, Any]:
        manifest_no = await self._next_manifest_no(clinic_id)
        samples = []
        for item in items:
            samples.append(await self.accession(clinic_id, item, printer, actor))
        await self.audit.write(actor, "manifest", "clinic", clinic_id, {"manifest": manifest_no, "count": len(samples)})
        return {"manifest_no": manifest_no, "accessions": [s.accession_no for s in samples]}
