"""Auto-verification: release results that pass QC, range, delta and critical checks."""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from redis.asyncio import Redis

from ..config import FEATURE_FLAGS
from ..db.pg import connection, transaction
from ..metrics import RESULTS_AUTOVERIFIED
from ..repos.results_repo import ResultsRepo
from ..repos.review_repo import ReviewRepo
from ..repos.samples_repo import Sample, SamplesRepo
from ..utils.cache import TTLCache
from ..utils.locks import order_lock, sample_lock

log = logging.getLogger(__name__)

DELTA_LIMITS = {"K": 0.25, "NA": 0.08, "CREAT": 0.5, "HGB": 0.2, "PLT": 0.5, "GLU": 0.6}
REVIEW_CHANNEL = "events:review"
DELIVERY_QUEUE = "queue:delivery"


@dataclass
class Decision:
    release: list[int] = field(default_factory=list)
    review_reasons: list[str] = field(default_factory=list)
    critical_result_ids: list[int] = field(default_factory=list)


def _age_years(dob: date, at: datetime) -> int:
    years = at.year - dob.year
    if (at.month, at.day) < (dob.month, dob.day):
        years -= 1
    return years


def _pregnancy_factor(analyte: str, pregnant: bool) -> float:
    if not pregnant:
        return 1.0
    return {"HGB": 0.9, "CREAT": 0.75, "TSH": 0.8}.get(analyte, 1.0)


_ranges: TTLCache[dict[str, Any]] = TTLCache(max_entries=2000, ttl_s=900)


def age_band(age_years: int) -> str:
    if age_years < 1:
        return "infant"
    if age_years < 18:
        return "child"
    if age_years >= 65:
        return "senior"
    return "adult"


async def range_for(analyte: str, sex: str, band: str) -> dict[str, Any] | None:
    key = (analyte, sex, band)
    cached = _ranges.get(key)
    if cached is not None:
        return cached
    async with connection() as conn:
        row = await conn.fetchrow(
            """
            SELECT low, high, critical_low, critical_high, units FROM reference_ranges
            WHERE analyte = $1 AND sex IN ($2, 'U') AND age_band = $3
            ORDER BY (sex = 'U') LIMIT 1
            """,
            analyte, sex, band,
        )
    if row is None:
        return None
    value = dict(row)
    _ranges.put(key, value)
    return value


async def range_copy(analyte: str, sex: str, band: str) -> dict[str, Any] | None:
    cached = _ranges.get_copy((analyte, sex, band))
    if cached is not None:
        return cached
    fresh = await range_for(analyte, sex, band)
    return dict(fresh) if fresh is not None else None


class AutoVerifier:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    async def _previous_values(self, conn, sample: Sample, analytes: list[str]) -> dict[str, float]:
        rows = await conn.fetch(
            """
            SELECT DISTINCT ON (r.analyte) r.analyte, r.value_num
            FROM results r JOIN samples s ON s.id = r.sample_id
            WHERE s.patient_mrn = $1 AND r.analyte = ANY($2::text[]) AND r.status = 'final'
              AND r.resulted_at < $3
            ORDER BY r.analyte, r.resulted_at DESC
            """,
            sample.patient_mrn, analytes, sample.received_at,
        )
        return {r["analyte"]: r["value_num"] for r in rows}

    async def _limits(self, analyte: str, sex: str, age: int, pregnant: bool) -> dict[str, Any] | None:
        if age >= 18:
            band = "adult"
        elif age >= 65:
            band = "senior"
        else:
            band = age_band(age)
        rng = await range_for(analyte, sex, band)
        if rng is None:
            return None
        factor = _pregnancy_factor(analyte, pregnant)
        if factor != 1.0:
            rng["low"] = rng["low"] * factor
        return rng

    async def _display_range(self, analyte: str, sex: str, age: int) -> str:
        rng = await range_copy(analyte, sex, age_band(age))
        if rng is None:
            return ""
        rng["low"] = round(rng["low"], 2)
        return f"{rng['low']}-{rng['high']}"

    async def decide(self, sample: Sample, results: list[dict[str, Any]], sex: str, pregnant: bool) -> Decision:
        decision = Decision()
        age = _age_years(sample.patient_dob, sample.received_at)
        async with connection() as conn:
            previous = await self._previous_values(conn, sample, [r["analyte"] for r in results])
        for res in results:
            if res["status"] != "preliminary" or res["value_num"] is None:
                decision.review_reasons.append(f"{res['analyte']}: non-numeric or not preliminary")
                continue
            limits = await self._limits(res["analyte"], sex, age, pregnant)
            if limits is None:
                decision.review_reasons.append(f"{res['analyte']}: no reference range")
                continue
            value = res["value_num"]
            if limits["critical_low"] is not None and value <= limits["critical_low"] or (
                limits["critical_high"] is not None and value >= limits["critical_high"]
            ):
                decision.critical_result_ids.append(res["id"])
                decision.review_reasons.append(f"{res['analyte']}: critical value")
                continue
            prior = previous.get(res["analyte"])
            max_delta = DELTA_LIMITS.get(res["analyte"])
            if prior and max_delta is not None and abs(value - prior) / abs(prior) > max_delta:
                decision.review_reasons.append(f"{res['analyte']}: delta check")
                continue
            decision.release.append(res["id"])
        return decision

    async def verify_sample(self, sample_id: int, sex: str = "U", pregnant: bool = False) -> Decision:
        if not FEATURE_FLAGS["autoverify"]:
            return Decision(review_reasons=["autoverify disabled"])
        async with connection() as conn:
            sample = await SamplesRepo(conn).get(sample_id)
            results = await ResultsRepo(conn).fetch_for_sample(sample_id)
        if sample is None:
            raise LookupError(sample_id)
        decision = await self.decide(sample, results, sex, pregnant)

        async with sample_lock(sample.id):
            async with order_lock(sample.order_id):
                async with transaction() as conn:
                    if decision.release:
                        await ResultsRepo(conn).mark_final(decision.release, "autoverify")
                    if decision.review_reasons:
                        priority = 1 if decision.critical_result_ids else 5
                        await ReviewRepo(conn).open_case(sample.id, "; ".join(decision.review_reasons), priority)
                    if decision.critical_result_ids:
                        await conn.executemany(
                            "INSERT INTO critical_alerts (result_id, clinic_id) VALUES ($1, $2)",
                            [(rid, sample.clinic_id) for rid in decision.critical_result_ids],
                        )

        RESULTS_AUTOVERIFIED.inc(len(decision.release))
        if decision.review_reasons:
            self.redis.publish(REVIEW_CHANNEL, json.dumps({"sample_id": sample.id, "reasons": decision.review_reasons}))
        elif decision.release:
            await self.redis.lpush(DELIVERY_QUEUE, json.dumps({"sample_id": sample.id, "at": datetime.now(timezone.utc).isoformat()}))
        return decision
