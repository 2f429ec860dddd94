from __future__ import annotations

import logging
from typing import Any

from redis.exceptions import RedisError

from ..db.models import Bed, BedState
from ..infra.cache import JsonCache
from ..infra.locks import KeyedLocks
from ..repositories.beds import BedRepository
from ..repositories.patients import PatientRepository
from .discharge_prediction import DischargePredictionService
from .notifications import NotificationService

logger = logging.getLogger(__name__)

BOARD_TTL_SECONDS = 20


class BedBoardService:
    def __init__(
        self,
        beds: BedRepository,
        patients: PatientRepository,
        predictions: DischargePredictionService,
        cache: JsonCache,
        locks: KeyedLocks,
        notifier: NotificationService,
    ) -> None:
        self._beds = beds
        self._patients = patients
        self._predictions = predictions
        self._cache = cache
        self._locks = locks
        self._notifier = notifier

    async def ward_board(self, ward_id: int, ward_code: str, include_blocked: bool) -> list[dict[str, Any]]:
        cache_key = f"board:{ward_id}"
        cached = await self._cache.get(cache_key)
        if cached is not None:
            return cached
        beds = await self._beds.list_by_ward(ward_id)
        predictions = await self._predictions.for_ward(ward_code)
        rows: list[dict[str, Any]] = []
        for bed in beds:
            if bed.state == BedState.BLOCKED and not include_blocked:
                continue
            row = {"bed_id": bed.id, "label": bed.label, "room": bed.room, "state": bed.state.value}
            if bed.patient_id is not None:
                patient = await self._patients.get(bed.patient_id)
                score = predictions.get(bed.patient_id)
                row["patient"] = {"mrn": patient.mrn, "name": patient.display_name} if patient else None
                row["discharge_p24"] = score.probability_24h if score else None
            rows.append(row)
        await self._cache.set(cache_key, rows, ttl=BOARD_TTL_SECONDS)
        return rows

    async def compact_board(self, ward_id: int) -> list[dict[str, Any]]:
        beds = await self._beds.list_by_ward_with_patients(ward_id)
        return [
            {"label": b.label, "state": b.state.value, "mrn": b.patient.mrn if b.patient else None}
            for b in beds
        ]

    async def set_state(self, bed: Bed, state: BedState, actor: str) -> None:
        async with self._locks.ward(bed.ward_id):
            locked = await self._beds.lock_for_assignment(bed.id)
            if locked is None:
                return
            await self._beds.set_state(bed.id, state, None if state != BedState.OCCUPIED else locked.patient_id)
        await self._cache.delete(f"board:{bed.ward_id}")
        try:
            await self._notifier.notify_ward(bed.ward_id, {"type": "bed_state", "bed_id": bed.id, "state": state.value, "by": actor})
        except RedisError:
            pass

    async def release_bed(self, bed: Bed, next_state: BedState = BedState.DIRTY) -> None:
        async with self._locks.ward(bed.ward_id):
            await self._beds.set_state(bed.id, next_state)
        await self._cache.delete(f"board:{bed.ward_id}")
