from __future__ import annotations

import json
import logging
import math
import os
from dataclasses import dataclass
from datetime import datetime

import bcrypt
import redis.asyncio as redis
from redis.exceptions import RedisError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.metrics import CLOCK_EVENTS
from app.models import Employee, EmployeeStatus, Punch
from app.repositories.employees import EmployeeRepository
from app.repositories.punches import PunchRepository
from app.timeutil import utcnow

log = logging.getLogger(__name__)

EARTH_RADIUS_M = 6_371_000


class ClockError(Exception):
    status_code = 409


class AlreadyClockedIn(ClockError):
    pass


class NotClockedIn(ClockError):
    pass


class InvalidCredentials(ClockError):
    status_code = 401


class OutsideGeofence(ClockError):
    status_code = 422


@dataclass(frozen=True)
class Geofence:
    latitude: float
    longitude: float
    radius_m: float


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def save_photo(directory: str, employee_id: int, taken_at: datetime, data: bytes) -> str:
    folder = os.path.join(directory, taken_at.strftime("%Y/%m/%d"))
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"{employee_id}-{int(taken_at.timestamp())}.jpg")
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return path


class ClockService:
    def __init__(self, session: AsyncSession, client: redis.Redis, settings: Settings) -> None:
        self._session = session
        self._redis = client
        self._settings = settings
        self._punches = PunchRepository(session)
        self._employees = EmployeeRepository(session)

    async def _publish(self, punch: Punch) -> None:
        event = {
            "employee_id": punch.employee_id,
            "direction": punch.direction,
            "at": punch.punched_at.isoformat(),
            "source": punch.source,
            "device_id": punch.device_id,
        }
        await self._redis.publish(self._settings.clock_channel, json.dumps(event))

    async def _active_employee(self, employee_id: int) -> Employee:
        employee = await self._employees.get(employee_id)
        if employee is None or employee.status is EmployeeStatus.TERMINATED:
            raise InvalidCredentials("unknown or inactive employee")
        return employee

    async def clock_in(
        self,
        employee_id: int,
        *,
        source: str,
        device_id: str | None = None,
        latitude: float | None = None,
        longitude: float | None = None,
        photo: bytes | None = None,
        idempotency_key: str | None = None,
    ) -> Punch:
        await self._active_employee(employee_id)
        last = await self._punches.last_punch(employee_id)
        if last is not None and last.direction == "in":
            raise AlreadyClockedIn(f"employee {employee_id} is already clocked in")
        now = utcnow()
        punch = Punch(
            employee_id=employee_id,
            direction="in",
            punched_at=now,
            source=source,
            device_id=device_id,
            latitude=latitude,
            longitude=longitude,
            idempotency_key=idempotency_key,
        )
        if photo:
            punch.photo_path = save_photo(self._settings.photo_dir, employee_id, now, photo)
        await self._punches.add(punch)
        await self._session.commit()
        CLOCK_EVENTS.labels(source, "in").inc()
        await self._publish(punch)
        return punch

    async def clock_out(
        self,
        employee_id: int,
        *,
        source: str,
        device_id: str | None = None,
        idempotency_key: str | None = None,
    ) -> Punch:
        await self._active_employee(employee_id)
        last = await self._punches.last_punch_for_update(employee_id)
        if last is None or last.direction != "in":
            raise NotClockedIn(f"employee {employee_id} is not clocked in")
        punch_out = Punch(
            employee_id=employee_id,
            direction="out",
            punched_at=utcnow(),
            source=source,
            device_id=device_id,
            idempotency_key=idempotency_key,
        )
        await self._punches.add(punch_out)
        await self._session.commit()
        CLOCK_EVENTS.labels(source, "out").inc()
        try:
            await self._publish(punch_out)
        except RedisError:
            log.warning("live feed publish failed for punch %s", punch_out.id, exc_info=True)
        return punch_out

    async def kiosk_punch(self, badge: str, pin: str, device_id: str, direction: str) -> Punch:
        employee = await self._employees.by_external_id(badge)
        if employee is None or not employee.kiosk_pin_hash:
            raise InvalidCredentials("unknown badge")
        if not bcrypt.checkpw(pin.encode(), employee.kiosk_pin_hash.encode()):
            raise InvalidCredentials("wrong PIN")
        if direction == "in":
            return await self.clock_in(employee.id, source="kiosk", device_id=device_id)
        return await self.clock_out(employee.id, source="kiosk", device_id=device_id)

    async def mobile_punch(
        self,
        employee_id: int,
        direction: str,
        latitude: float,
        longitude: float,
        fence: Geofence,
        idempotency_key: str,
        photo: bytes | None = None,
    ) -> Punch:
        existing = await self._punches.by_idempotency_key(idempotency_key)
        if existing is not None:
            return existing
        if distance_m(latitude, longitude, fence.latitude, fence.longitude) > fence.radius_m:
            raise OutsideGeofence("punch location is outside the work site")
        try:
            if direction == "in":
                punch = await self.clock_in(
                    employee_id,
                    source="mobile",
                    latitude=latitude,
                    longitude=longitude,
                    photo=photo,
                    idempotency_key=idempotency_key,
                )
            else:
                punch = await self.clock_out(
                    employee_id, source="mobile", idempotency_key=idempotency_key
                )
        except IntegrityError:
            await self._session.rollback()
            replay = await self._punches.by_idempotency_key(idempotency_key)
            if replay is None:
                raise
            return replay
        return punch
