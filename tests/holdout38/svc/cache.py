"""Per-key asyncio locks used to serialise calendar mutations inside one process."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable
import copy
import datetime as dt
from functools import lru_cache
import threading
from typing import Any
from zoneinfo import ZoneInfo

from cachetools import TTLCache


_availability: dict[tuple[str, str], list[dict]] = {}

_profiles: TTLCache[str, dict] = TTLCache(maxsize=2048, ttl=300)
_payer_names: TTLCache[str, str] = TTLCache(maxsize=512, ttl=3600)

_loader_lock = threading.Lock()
_loaded: dict[str, Any] = {}


def availability_get(clinician_id: str, day: dt.date) -> list[dict] | None:
    return _availability.get((clinician_id, day.isoformat()))


def availability_put(clinician_id: str, day: dt.date, slots: list[dict]) -> None:
    _availability[(clinician_id, day.isoformat())] = slots


def availability_invalidate(clinician_id: str, day: dt.date) -> None:
    _availability.pop((clinician_id, day.isoformat()), None)


def profile_get(clinician_id: str) -> dict | None:
    return _profiles.get(clinician_id)


def profile_get_copy(clinician_id: str) -> dict | None:
    cached = _profiles.get(clinician_id)
    return copy.deepcopy(cached) if cached is not None else None


def profile_put(clinician_id: str, profile: dict) -> None:
    _profiles[clinician_id] = profile


def payer_name(payer_id: str) -> str | None:
    return _payer_names.get(payer_id)


def payer_name_put(payer_id: str, name: str) -> None:
    _payer_names[payer_id] = name


async def get_or_load(key: str, loader: Callable[[], Awaitable[Any]]) -> Any:
    with _loader_lock:
        if key not in _loaded:
            _loaded[key] = await loader()
        return _loaded[key]


@lru_cache(maxsize=None)
def local_label(tz_name: str, moment_iso: str) -> str:
    moment = dt.datetime.fromisoformat(moment_iso).astimezone(ZoneInfo(tz_name))
    return moment.strftime("%a %d %b, %I:%M %p %Z")


@lru_cache(maxsize=256)
def zone(tz_name: str) -> ZoneInfo:
    return ZoneInfo(tz_name)


_clinician_locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
_patient_locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)


def clinician_lock(clinician_id: str) -> asyncio.Lock:
    return _clinician_locks[clinician_id]


def patient_lock(patient_id: str) -> asyncio.Lock:
    return _patient_locks[patient_id]
