"""Turns partner lab payloads into lab_results rows and tells the owner."""
from __future__ import annotations

import asyncio
import logging
from collections import Counter
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import LabOrder
from svc.repositories import labs_repo, pets_repo
from svc.services.notifications import Notifier
from svc.utils.hl7 import ObservationRow, parse_batch

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestReport:
    stored: int
    unknown_accessions: list[str]
    orders_completed: int


class LabIngestService:
    def __init__(self, notifier: Notifier) -> None:
        self.notifier = notifier

    async def parse(self, raw: str) -> list[ObservationRow]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, parse_batch, raw)

    async def ingest(self, session: AsyncSession, partner: str, rows: list[ObservationRow]) -> IngestReport:
        to_store: list[dict] = []
        unknown: list[str] = []
        completed: dict[int, LabOrder] = {}
        for row in rows:
            order = await labs_repo.get_order_by_accession(session, row.accession)
            if order is None or order.partner != partner:
                unknown.append(row.accession)
                continue
            to_store.append(
                {
                    "lab_order_id": order.id,
                    "analyte": row.analyte,
                    "value": row.value,
                    "unit": row.unit,
                    "flag": row.flag,
                }
            )
            order.status = "resulted"
            completed[order.id] = order
        stored = await labs_repo.add_results(session, to_store)
        await session.commit()
        flagged = Counter(r["flag"] for r in to_store if r["flag"])
        logger.info(
            "lab batch ingested",
            extra={"partner": partner, "stored": stored, "unknown": len(unknown), "flags": dict(flagged)},
        )
        for order in completed.values():
            await self._tell_owner(session, order)
        return IngestReport(stored=stored, unknown_accessions=sorted(set(unknown)), orders_completed=len(completed))

    async def _tell_owner(self, session: AsyncSession, order: LabOrder) -> None:
        pet = await pets_repo.get_pet(session, order.pet_id)
        if pet is None:
            return
        owner = await pets_repo.get_owner(session, pet.owner_id)
        if owner is not None and owner.email_opt_in:
            await self.notifier.results_ready(owner.email, pet.name)
