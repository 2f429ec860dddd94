"""Waiting-room state: check-ins, queue positions, board events."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Appointment
from svc.db.pg import pool
from svc.redis_client import get_redis

log = logging.getLogger(__name__)

BOARD_CHANNEL = "board:{clinic_id}"
TRIAGE_ORDER = {"emergency": 0, "urgent": 1, "routine": 2}

_boards: dict[int, list[dict[str, Any]]] = {}


class NotBookedToday(Exception):
    pass


async def check_in(session: AsyncSession, appointment_id: int, triage: str = "routine") -> dict[str, Any]:
    appt = await session.get(Appointment, appointment_id)
    if appt is None or appt.status != "booked":
        raise NotBookedToday(appointment_id)
    now = datetime.now(timezone.utc)
    appt.checked_in_at = now
    appt.status = "waiting"
    await session.commit()

    r = get_redis()
    ticket = await r.incr(f"queue:{appt.clinic_id}:{now.date().isoformat()}")
    entry = {
        "appointment_id": appt.id,
        "ticket": ticket,
        "triage": triage,
        "checked_in_at": now.isoformat(),
    }
    await r.hset(f"waiting:{appt.clinic_id}", str(appt.id), json.dumps(entry))
    async with pool().acquire() as conn:
        await conn.execute(
            "INSERT INTO waiting_room_events (clinic_id, appointment_id, event) VALUES ($1, $2, 'checked-in')",
            appt.clinic_id,
            appt.id,
        )
    r.publish(BOARD_CHANNEL.format(clinic_id=appt.clinic_id), json.dumps({"type": "checked-in", **entry}))
    _boards.setdefault(appt.clinic_id, []).append(entry)
    return entry


async def call_in(clinic_id: int, appointment_id: int, room: str) -> None:
    r = get_redis()
    removed = await r.hdel(f"waiting:{clinic_id}", str(appointment_id))
    if not removed:
        return
    await r.publish(
        BOARD_CHANNEL.format(clinic_id=clinic_id),
        json.dumps({"type": "called", "appointment_id": appointment_id, "room": room}),
    )


async def board(clinic_id: int) -> list[dict[str, Any]]:
    raw = await get_redis().hgetall(f"waiting:{clinic_id}")
    entries = [json.loads(v) for v in raw.values()]
    return sorted(entries, key=lambda e: (TRIAGE_ORDER.get(e["triage"], 9), e["ticket"]))


def local_board(clinic_id: int) -> list[dict[str, Any]]:
    return list(_boards.get(clinic_id, []))
