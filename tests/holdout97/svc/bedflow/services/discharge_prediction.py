from __future__ import annotations

import asyncio
import logging
from dataclasses import asdict

from ..clients.scoring_client import DischargeScore, ScoringClient
from ..infra.cache import JsonCache
from ..repositories.patients import PatientRef

logger = logging.getLogger(__name__)

WARD_TTL_SECONDS = 600


class DischargePredictionService:
    def __init__(self, client: ScoringClient, cache: JsonCache) -> None:
        self._client = client
        self._cache = cache
        self._fanout = asyncio.Semaphore(8)

    async def for_ward(self, ward_code: str) -> dict[int, DischargeScore]:
        cached = await self._cache.get(f"discharge:{ward_code}")
        if cached is not None:
            return {item["patient_id"]: DischargeScore(**item) for item in cached}
        scores = await self._client.score_ward(ward_code)
        await self._cache.set(f"discharge:{ward_code}", [asdict(s) for s in scores], ttl=WARD_TTL_SECONDS)
        return {s.patient_id: s for s in scores}

    async def refresh_all(self, inpatients: dict[str, list[PatientRef]]) -> int:
        """Re-score every inpatient; run by the charge-nurse 'refresh predictions' button."""
        total = 0
        for ward_code, patients in inpatients.items():
            scores = await asyncio.gather(
                *(self._client.score(p.id, {"mrn": p.mrn, "isolation": p.isolation_code}) for p in patients)
            )
            await self._cache.set_forever(f"discharge:{ward_code}", [asdict(s) for s in scores])
            total += len(scores)
        return total

    async def score_candidates(self, patients: list[PatientRef]) -> list[DischargeScore]:
        async def one(patient: PatientRef) -> DischargeScore:
            async with self._fanout:
                return await self._client.score(patient.id, {"mrn": patient.mrn})

        return await asyncio.gather(*(one(p) for p in patients))
