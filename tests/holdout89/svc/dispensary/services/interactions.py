"""Allergy and drug-drug interaction screening before a prescription enters the queue."""
from __future__ import annotations

import json
import logging
from typing import Any

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dispensary.cache.redis_client import MONOGRAPH_KEY
from dispensary.clients.drugdb import DrugDbClient
from dispensary.errors import InteractionBlocked, UpstreamUnavailable
from dispensary.repositories.patients import PatientRepository
from dispensary.repositories.prescriptions import PrescriptionRepository

logger = logging.getLogger(__name__)

MONOGRAPH_TTL_SECONDS = 6 * 3600
BLOCKING_SEVERITIES = frozenset({"contraindicated", "major"})


class InteractionService:
    def __init__(
        self, drugdb: DrugDbClient, redis: aioredis.Redis, sessions: async_sessionmaker[AsyncSession]
    ) -> None:
        self._drugdb = drugdb
        self._redis = redis
        self._sessions = sessions
        self._pair_cache: dict[tuple[str, str], list[dict[str, Any]]] = {}

    async def screen(self, patient_id: int, drug_code: str, override_by: str | None = None) -> list[dict[str, Any]]:
        async with self._sessions() as session:
            allergies = await PatientRepository(session).allergies_for(patient_id)
            active = await PrescriptionRepository(session).active_for_patient(patient_id)

        ingredients = set(await self._drugdb.ingredients(drug_code))
        allergy_hits = [a.substance_code for a in allergies if a.substance_code in ingredients]
        if allergy_hits:
            raise InteractionBlocked(f"patient allergic to {', '.join(allergy_hits)}")

        others = [rx.drug_code for rx in active if rx.drug_code != drug_code]
        try:
            interactions = await self._interactions(drug_code, others)
        except Exception:
            logger.warning("interaction lookup failed for %s; continuing", drug_code)
            interactions = []

        blocking = [i for i in interactions if i["severity"] in BLOCKING_SEVERITIES]
        if blocking and override_by is None:
            raise InteractionBlocked(f"{len(blocking)} major interaction(s) need pharmacist override")
        return interactions

    async def _interactions(self, drug_code: str, others: list[str]) -> list[dict[str, Any]]:
        missing = [other for other in others if (drug_code, other) not in self._pair_cache]
        if missing:
            fetched = await self._drugdb.interactions_bulk(drug_code, missing)
            for other in missing:
                self._pair_cache[(drug_code, other)] = [i for i in fetched if i["with"] == other]
        found: list[dict[str, Any]] = []
        for other in others:
            found.extend(self._pair_cache[(drug_code, other)])
        return found

    async def monograph(self, drug_code: str) -> dict[str, Any]:
        key = MONOGRAPH_KEY.format(drug_code=drug_code)
        cached = await self._redis.get(key)
        if cached is not None:
            return json.loads(cached)
        try:
            data = await self._drugdb.monograph(drug_code)
        except UpstreamUnavailable:
            stale = await self._redis.get(f"{key}:stale")
            if stale is None:
                raise
            logger.warning("drug database unavailable; serving stale monograph for %s", drug_code)
            return json.loads(stale)
        encoded = json.dumps(data)
        await self._redis.set(key, encoded, ex=MONOGRAPH_TTL_SECONDS)
        await self._redis.set(f"{key}:stale", encoded, ex=7 * 24 * 3600)
        return data
