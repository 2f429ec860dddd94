from __future__ import annotations

import asyncio
import json
import logging
from datetime import datetime

import redis.asyncio as redis

from lifeline.db.models import Donor
from lifeline.errors import Conflict, IneligibleDonor, NotFound
from lifeline.repositories.donors import DonorRepository
from lifeline.schemas import DonorIn, EligibilityOut
from lifeline.utils.clock import utcnow
from lifeline.utils.crypto import hash_national_id

log = logging.getLogger(__name__)

WHOLE_BLOOD_INTERVAL_DAYS = {"M": 84, "F": 112}
MIN_AGE, MAX_AGE = 18, 70
SEARCH_TTL_SECONDS = 60


def age_on(birth_date: datetime, day: datetime) -> int:
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


class DonorService:
    def __init__(self, cache: redis.Redis) -> None:
        self._cache = cache

    async def register(self, repo: DonorRepository, data: DonorIn) -> Donor:
        hashed = hash_national_id(data.national_id)
        existing = await repo.get_by_national_id(hashed)
        if existing is not None:
            raise Conflict("donor already registered")
        donor = Donor(
            national_id_hash=hashed,
            first_name=data.first_name,
            last_name=data.last_name,
            email=data.email,
            phone=data.phone,
            sex=data.sex,
            abo=data.abo,
            rh=data.rh,
            birth_date=data.birth_date,
        )
        await repo.add(donor)
        log.info("registered donor %s", donor.id)
        return donor

    async def lookup(self, repo: DonorRepository, national_id: str) -> Donor:
        hashed = await asyncio.to_thread(hash_national_id, national_id)
        donor = await repo.find_by_national_id(hashed)
        if donor is None:
            raise NotFound("no donor with that id")
        return donor

    async def search(self, repo: DonorRepository, term: str, page: int) -> list[dict]:
        key = f"donor-search:{page}"
        cached = await self._cache.get(key)
        if cached:
            return json.loads(cached)
        donors = await repo.search(term, page)
        result = [{"id": d.id, "name": f"{d.first_name} {d.last_name}", "group": f"{d.abo}{d.rh}"} for d in donors]
        await self._cache.setex(key, SEARCH_TTL_SECONDS, json.dumps(result))
        return result

    async def eligibility(self, repo: DonorRepository, donor_id: int) -> EligibilityOut:
        donor = await repo.with_active_deferrals(donor_id)
        if donor is None:
            raise NotFound("donor not found")
        now = utcnow()
        reasons: list[str] = []
        next_at: datetime | None = None
        if not MIN_AGE <= age_on(donor.birth_date, now) <= MAX_AGE:
            reasons.append("age")
        for deferral in donor.deferrals:
            if deferral.permanent:
                reasons.append(f"permanent:{deferral.reason}")
            elif deferral.until is not None and deferral.until > now:
                reasons.append(f"deferred:{deferral.reason}")
                next_at = max(next_at or deferral.until, deferral.until)
        if donor.last_donation_at is not None:
            interval = timedelta(days=WHOLE_BLOOD_INTERVAL_DAYS[donor.sex])
            ready = donor.last_donation_at + interval
            if ready > now:
                reasons.append("interval")
                next_at = max(next_at or ready, ready)
        return EligibilityOut(eligible=not reasons, reasons=reasons, next_eligible_at=next_at)

    async def require_eligible(self, repo: DonorRepository, donor_id: int) -> None:
        result = await self.eligibility(repo, donor_id)
        if not result.eligible:
            raise IneligibleDonor(", ".join(result.reasons))

    async def defer(self, repo: DonorRepository, donor_id: int, reason: str, days: int | None) -> None:
        until = None if days is None else utcnow().replace(microsecond=0) + _days(days)
        await repo.add_deferral(donor_id, reason, until, permanent=days is None)
        await self._cache.delete(f"eligibility:{donor_id}")


def _days(n: int):
    from datetime import timedelta as _td

    return _td(days=n)
