"""Redis key layout, kept in one place so TTLs and prefixes stay consistent."""
from __future__ import annotations

VESSEL_TTL = 600
ETA_TTL = 900
BUNKER_PRICE_TTL = 1800


def vessel_key(vessel_id: int) -> str:
    return f"fw:vessel:{vessel_id}"


def last_position_key(vessel_id: int) -> str:
    return f"fw:pos:last:{vessel_id}"


def eta_key(voyage_id: int) -> str:
    return f"fw:eta:{voyage_id}"


def bunker_price_key(port_code: str, grade: str) -> str:
    return f"fw:bunker:price:{port_code}:{grade}"


def unread_key(room: str, user: str) -> str:
    return f"fw:chat:unread:{room}:{user}"


FLEET_CHANNEL = "fw:fleetmap"
POSITION_STREAM = "fw:positions"
