"""What enforcement officers see and do on the street."""
from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.vehicles import LprClient
from ..repositories.permit_repo import PermitRepository
from ..repositories.session_repo import SessionRepository
from ..utils.common import is_plausible, normalize_plate
from ..utils.ratelimit import throttle_lpr
from ..utils.common import utcnow
from .fine_service import FineService

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Contravention:
    session_id: int
    plate: str
    zone_id: int
    expired_at: datetime
    minutes_over: int


@dataclass(frozen=True)
class ScanResult:
    plate: str | None
    confidence: float
    status: str  # paid | permit | unpaid | unknown


class DuplicateTicket(RuntimeError):
    pass


class EnforcementService:
    def __init__(
        self, db: AsyncSession, redis: Redis, lpr: LprClient, fines: FineService, grace_minutes: int
    ) -> None:
        self._db = db
        self._sessions = SessionRepository(db)
        self._permits = PermitRepository(db)
        self._redis = redis
        self._lpr = lpr
        self._fines = fines
        self._grace = timedelta(minutes=grace_minutes)
        self._dedupe_window = timedelta(hours=2)

    async def expired_for_zone(self, zone_id: int) -> list[Contravention]:
        now = utcnow()
        expired = await self._sessions.expired_in_zone(zone_id, now - self._grace)
        result = []
        for session in expired:
            permit = await self._permits.find_active(session.plate, zone_id)
            if permit is not None:
                continue
            over = int((now - session.ends_at).total_seconds() // 60)
            result.append(Contravention(session.id, session.plate, zone_id, session.ends_at, over))
        return result

    async def sweep(self, zone_id: int, observed_plates: list[str]) -> dict[str, str]:
        plates = [normalize_plate(p) for p in observed_plates]
        permits = await self._permits.find_active_many(plates, zone_id)
        paid_zones = await self._sessions.active_zones_by_plates(plates)
        status: dict[str, str] = {}
        for plate in plates:
            if plate in permits:
                status[plate] = "permit"
                continue
            status[plate] = "paid" if zone_id in paid_zones.get(plate, ()) else "unpaid"
        return status

    async def scan(self, officer_id: str, zone_id: int, image: bytes) -> ScanResult:
        await throttle_lpr(officer_id)
        try:
            reads = await self._lpr.recognise(image)
        except Exception:
            return ScanResult(plate=None, confidence=0.0, status="unknown")
        if not reads:
            return ScanResult(plate=None, confidence=0.0, status="unknown")
        best = max(reads, key=lambda r: r.confidence)
        plate = normalize_plate(best.plate)
        statuses = await self.sweep(zone_id, [plate])
        return ScanResult(plate=plate, confidence=best.confidence, status=statuses[plate])

    async def closest_active_plate(self, read: str) -> str | None:
        candidates = await self._all_active_plates()
        best_plate, best_ratio = None, 0.0
        for candidate in candidates:
            ratio = difflib.SequenceMatcher(None, read, candidate).ratio()
            if ratio > best_ratio:
                best_plate, best_ratio = candidate, ratio
        return best_plate if best_ratio >= 0.8 else None

    async def _all_active_plates(self) -> list[str]:
        from sqlalchemy import select

        from ..models import ParkingSession

        stmt = select(ParkingSession.plate).where(ParkingSession.status == "active")
        return list((await self._db.execute(stmt)).scalars())

    async def issue_ticket(self, officer_id: str, session_id: int | None, plate: str, zone_id: int) -> str:
        plate = normalize_plate(plate)
        if not is_plausible(plate):
            raise ValueError(f"implausible plate {plate!r}")
        key = f"ticket:recent:{zone_id}:{plate}"
        if await self._redis.exists(key):
            raise DuplicateTicket(plate)
        fine = await self._fines.issue(officer_id=officer_id, session_id=session_id, plate=plate, zone_id=zone_id)
        await self._redis.set(key, fine.reference, ex=int(self._dedupe_window.total_seconds()))
        return fine.reference
