from __future__ import annotations

from functools import lru_cache

from ..errors import UnknownWard

_facility_map: dict[str, str] = {}

# Isolation codes as sent in PV1-22 by the EHR, mapped to the room type they need.
ISOLATION_ROOM_TYPES = {
    "CONTACT": "single",
    "DROPLET": "single",
    "AIRBORNE": "negative_pressure",
    "NEUTRO": "single",
}


def load_facility_map(rows: list[tuple[str, str]]) -> None:
    global _facility_map
    _facility_map = {f"{facility}:{code}": ward for facility, code, ward in ((r[0], r[1].split("/")[0], r[1]) for r in rows)}


def resolve_ward_code(facility: str, hl7_location: str) -> str:
    try:
        return _facility_map[f"{facility}:{hl7_location}"]
    except KeyError:
        raise UnknownWard(f"{facility}/{hl7_location}")


@lru_cache(maxsize=256)
def isolation_room_type(code: str | None) -> str | None:
    if not code:
        return None
    return ISOLATION_ROOM_TYPES.get(code.strip().upper())
