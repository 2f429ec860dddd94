"""Consumes PACS 'study complete' notifications and prepares studies for reading."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime

from readroom.db.engine import SessionFactory
from readroom.db.pg_pool import get_pool
from readroom.repositories.orders import OrderRepository
from readroom.repositories.prior_jobs import PriorJobRepository
from readroom.repositories.reading_queue import ReadingQueueRepository
from readroom.repositories.studies import StudyRepository
from readroom.services.metadata_extract import MetadataExtractor
from readroom.services.priors import PriorService
from readroom.utils.timeutil import is_after_hours


PRIORITY_RANK = {"STAT": 0, "URGENT": 1, "ROUTINE": 2}

_BODY_PART_SPECIALTY = {
    "HEAD": "neuro",
    "BRAIN": "neuro",
    "SPINE": "neuro",
    "CSPINE": "neuro",
    "NECK": "neuro",
    "CHEST": "chest",
    "LUNG": "chest",
    "HEART": "cardiac",
    "ABDOMEN": "body",
    "PELVIS": "body",
    "LIVER": "body",
    "KNEE": "msk",
    "SHOULDER": "msk",
    "HIP": "msk",
    "BREAST": "breast",
}


def subspecialty_for(modality: str, body_part: str | None) -> str:
    if modality == "MG":
        return "breast"
    if body_part:
        key = body_part.upper().replace(" ", "")
        if key in _BODY_PART_SPECIALTY:
            return _BODY_PART_SPECIALTY[key]
    return "general"


def route_room(modality: str, body_part: str | None, received_at: datetime, pool: str) -> str:
    """Overnight and weekend studies go to the teleradiology pool unless they are mammography."""
    specialty = subspecialty_for(modality, body_part)
    if specialty != "breast" and is_after_hours(received_at):
        return pool
    return specialty


def is_overdue(priority: str, age_minutes: int, targets: dict[str, int]) -> bool:
    target = targets.get(priority, targets["ROUTINE"])
    return age_minutes >= target


log = logging.getLogger(__name__)


@dataclass
class StudyEvent:
    study_uid: str
    accession: str
    patient_id: str
    patient_name: str
    modality: str
    event: str


class StudyIngestService:
    def __init__(self, extractor: MetadataExtractor, priors: PriorService) -> None:
        self.extractor = extractor
        self.priors = priors
        self._queue: asyncio.Queue[StudyEvent] = asyncio.Queue()

    async def submit(self, event: StudyEvent) -> int:
        await self._queue.put(event)
        return self._queue.qsize()

    async def run_consumer(self) -> None:
        while True:
            event = await self._queue.get()
            await self._process(event)
            self._queue.task_done()

    async def _process(self, event: StudyEvent) -> None:
        async with SessionFactory() as session:
            studies = StudyRepository(session)
            orders = OrderRepository(session)
            order = await orders.get_by_accession(event.accession)
            if order is None:
                log.warning("study %s has no matching order %s", event.study_uid, event.accession)
                return
            study_id = await studies.insert_if_absent(
                {
                    "study_instance_uid": event.study_uid,
                    "accession_number": event.accession,
                    "order_id": order.id,
                    "patient_id": order.patient_id,
                    "patient_name": event.patient_name,
                    "modality": event.modality,
                    "status": "RECEIVED",
                }
            )
            if study_id is None:
                log.info("duplicate notification for %s", event.study_uid)
                return
            meta = await self.extractor.extract(event.study_uid)
            await studies.update_metadata(
                study_id,
                metadata={"series": meta.series, "study_datetime": meta.study_datetime},
                num_series=meta.num_series,
                num_instances=meta.num_instances,
                thumbnail_path=meta.thumbnail_path,
                status="READY",
            )
            study = await studies.get(study_id)
            assert study is not None
            priors = await self.priors.candidate_priors(study, event.patient_id)
            await PriorJobRepository(session).enqueue(study_id, [p["StudyInstanceUID"] for p in priors])
            await orders.set_status(order.id, "COMPLETED")
            await session.commit()

        queue = ReadingQueueRepository(get_pool())
        await queue.enqueue(
            study_id,
            subspecialty_for(event.modality, meta.body_part or order.body_part),
            order.priority,
            PRIORITY_RANK.get(order.priority, 9),
        )

    def pending(self) -> int:
        return self._queue.qsize()

    async def reprocess(self, study_uid: str) -> dict:
        """Re-extracts metadata for a study whose first pass produced nothing usable."""
        async with SessionFactory() as session:
            studies = StudyRepository(session)
            study = await studies.get_by_uid(study_uid)
            if study is None:
                return {"study_uid": study_uid, "found": False}
            meta = await self.extractor.extract(study_uid)
            await studies.update_metadata(
                study.id,
                metadata={"series": meta.series, "study_datetime": meta.study_datetime},
                num_series=meta.num_series,
                num_instances=meta.num_instances,
                thumbnail_path=meta.thumbnail_path,
                status="READY",
            )
            await session.commit()
        return {"study_uid": study_uid, "found": True, "series": meta.num_series}
