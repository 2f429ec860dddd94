from __future__ import annotations

import fnmatch
import json
import logging
from datetime import date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from readroom.cache.redis_client import get_redis
from readroom.models import ImagingOrder
from readroom.repositories.orders import OrderRepository
from readroom.repositories.worklist import WorklistRepository
from readroom.services.hl7_parser import ParsedOrder
from readroom.settings import get_settings
from readroom.utils.timeutil import day_bounds

log = logging.getLogger(__name__)


class WorklistService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.repo = WorklistRepository(session)
        self.orders = OrderRepository(session)
        self.settings = get_settings()

    async def publish(self, order_id: int, parsed: ParsedOrder) -> None:
        await self.repo.upsert(
            {
                "order_id": order_id,
                "accession_number": parsed.accession_number,
                "station_aet": parsed.station_aet,
                "modality": parsed.modality,
                "scheduled_start": parsed.scheduled_at,
                "requested_procedure_id": parsed.accession_number[-16:],
                "scheduled_step_id": f"SPS{order_id}"[-16:],
                "patient_name": f"{parsed.family_name}^{parsed.given_name}",
                "patient_mrn": parsed.mrn,
                "status": "SCHEDULED",
            }
        )
        await get_redis().delete(f"mwl:{parsed.station_aet}")

    async def withdraw(self, order_id: int) -> None:
        await self.repo.remove_for_order(order_id)

    async def station_worklist(self, station_aet: str, day: date) -> list[dict]:
        redis = get_redis()
        cache_key = f"mwl:{station_aet}"
        cached = await redis.get(cache_key)
        if cached:
            return json.loads(cached)
        start, end = day_bounds(day)
        entries = await self.repo.for_station(station_aet, start, end)
        items = [
            {
                "accession_number": e.accession_number,
                "patient_name": e.patient_name,
                "patient_id": e.patient_mrn,
                "modality": e.modality,
                "scheduled_start": e.scheduled_start.isoformat(),
                "requested_procedure_id": e.requested_procedure_id,
                "scheduled_step_id": e.scheduled_step_id,
                "status": e.status,
            }
            for e in entries
        ]
        await redis.setex(cache_key, self.settings.worklist_cache_seconds, json.dumps(items))
        return items

    async def rebuild_from_orders(self, day: date, modality: str | None = None) -> list[dict]:
        """Regenerates MWL items straight from the order table (used after HIS downtime)."""
        orders = await self.orders.scheduled_for_day(day, modality)
        items: list[dict] = []
        for order in orders:
            patient = await self.orders.get_patient(order.patient_id)
            if patient is None or not order.station_aet:
                continue
            items.append(self._mwl_item(order, f"{patient.family_name}^{patient.given_name}", patient.mrn))
        return items

    async def preview_for_orders(self, orders: list[ImagingOrder]) -> list[dict]:
        patients = await self.orders.get_patients(list({o.patient_id for o in orders}))
        items = []
        for order in orders:
            patient = patients.get(order.patient_id)
            if patient is None:
                continue
            items.append(self._mwl_item(order, f"{patient.family_name}^{patient.given_name}", patient.mrn))
        return items

    @staticmethod
    def _mwl_item(order: ImagingOrder, patient_name: str, mrn: str) -> dict:
        start = order.scheduled_at or datetime.now().astimezone()
        return {
            "accession_number": order.accession_number,
            "patient_name": patient_name,
            "patient_id": mrn,
            "modality": order.modality,
            "station_aet": order.station_aet,
            "scheduled_start": start.isoformat(),
            "scheduled_end": (start + timedelta(minutes=30)).isoformat(),
            "procedure": order.procedure_description,
            "priority": order.priority,
        }


def _wildcard_match(pattern: str, value: str) -> bool:
    """DICOM C-FIND wildcard matching: '*' any run, '?' one character, case-insensitive for PN."""
    if not pattern or pattern == "*":
        return True
    return fnmatch.fnmatchcase(value.upper(), pattern.upper())


def match_mwl_query(items: list[dict], query: dict) -> list[dict]:
    """Applies the matching keys a scanner sends in a Modality Worklist C-FIND."""
    modality = query.get("Modality")
    name = query.get("PatientName", "")
    patient_id = query.get("PatientID")
    accessions = set(query.get("AccessionNumbers") or [])
    start_range = query.get("ScheduledProcedureStepStartDate", "")
    lo, _, hi = start_range.partition("-")
    out = []
    for item in items:
        if modality and item["modality"] != modality:
            continue
        if patient_id and item["patient_id"] != patient_id:
            continue
        if accessions and item["accession_number"] not in accessions:
            continue
        if not _wildcard_match(name, item["patient_name"]):
            continue
        day = item["scheduled_start"][:10].replace("-", "")
        if lo and day < lo:
            continue
        if hi and day > hi:
            continue
        out.append(item)
    return out
