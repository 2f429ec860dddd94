"""Clinic metadata (opening hours, timezone, rooms) cached per replica."""
from __future__ import annotations

import copy
import json
import logging
from typing import Any

from sqlalchemy import select

from svc.cache.ttl import BoundedTTLCache
from svc.db.engine import session_scope
from svc.db.models import Clinic
from svc.redis_client import get_redis

log = logging.getLogger(__name__)

_clinics = BoundedTTLCache[int, dict[str, Any]](maxsize=256, ttl=300)


async def _load_clinic(clinic_id: int) -> dict[str, Any] | None:
    async with session_scope() as session:
        clinic = await session.get(Clinic, clinic_id)
        if clinic is None:
            return None
        raw_hours = await get_redis().get(f"clinic:{clinic_id}:hours")
        return {
            "id": clinic.id,
            "code": clinic.code,
            "name": clinic.name,
            "timezone": clinic.timezone,
            "hours": json.loads(raw_hours) if raw_hours else {},
        }


async def get_clinic(clinic_id: int) -> dict[str, Any] | None:
    cached = _clinics.get(clinic_id)
    if cached is None:
        cached = await _load_clinic(clinic_id)
        if cached is None:
            return None
        _clinics.set(clinic_id, cached)
    return copy.deepcopy(cached)


async def get_clinic_hours(clinic_id: int) -> dict[str, list[str]]:
    cached = _clinics.get(clinic_id)
    if cached is None:
        cached = await _load_clinic(clinic_id)
        if cached is None:
            return {}
        _clinics.set(clinic_id, cached)
    return cached["hours"]


def invalidate(clinic_id: int) -> None:
    _clinics.invalidate(clinic_id)


ALL_CLINICS_KEY = "cache:clinics:all"
ALL_CLINICS_TTL = 600


async def all_clinics() -> list[dict[str, Any]]:
    r = get_redis()
    raw = await r.get(ALL_CLINICS_KEY)
    if raw:
        return json.loads(raw)
    async with session_scope() as session:
        rows = (await session.scalars(select(Clinic).where(Clinic.active.is_(True)).order_by(Clinic.name))).all()
        clinics = [{"id": c.id, "code": c.code, "name": c.name, "timezone": c.timezone, "phone": c.phone} for c in rows]
    await r.set(ALL_CLINICS_KEY, json.dumps(clinics), ex=ALL_CLINICS_TTL)
    return clinics


async def forget_all_clinics() -> None:
    await get_redis().delete(ALL_CLINICS_KEY)
