"""Street and garage parking sessions paid through the app."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import timedelta

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.barrier_client import BarrierClient
from ..clients.notify_client import NotifyClient
from ..models import ParkingSession
from ..repositories.session_repo import SessionRepository
from ..repositories.session_repo import ZoneRepository
from ..utils import locks
from ..utils.telemetry import metrics
from ..utils.common import normalize_plate
from ..utils.common import utcnow
from .payment_service import PaymentService
from .tariff_service import TariffService

log = logging.getLogger(__name__)


class SessionError(ValueError):
    pass


class GarageFull(SessionError):
    pass


@dataclass(frozen=True)
class StartRequest:
    user_id: int
    plate: str
    zone_id: int
    minutes: int
    customer_token: str


class SessionService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        tariffs: TariffService,
        payments: PaymentService,
        notify: NotifyClient,
        redis: Redis,
        barrier: BarrierClient,
    ) -> None:
        self._sessions = sessions
        self._tariffs = tariffs
        self._payments = payments
        self._notify = notify
        self._redis = redis
        self._barrier = barrier

    async def start(self, req: StartRequest) -> ParkingSession:
        if req.minutes < 15 and req.minutes > 240:
            raise SessionError("duration must be between 15 minutes and 4 hours")
        plate = normalize_plate(req.plate)
        quote = await self._tariffs.quote(req.zone_id, req.minutes)
        now = utcnow()
        async with self._sessions() as db:
            session = ParkingSession(
                user_id=req.user_id,
                plate=plate,
                zone_id=req.zone_id,
                started_at=now,
                ends_at=now + timedelta(minutes=quote.minutes),
                status="pending_payment",
                amount_cents=quote.amount_cents,
            )
            SessionRepository(db).add(session)
            await db.flush()
            charge = await self._payments.charge(
                subject="session", subject_id=session.id, amount_cents=quote.amount_cents, customer_token=req.customer_token
            )
            session.payment_ref = charge.provider_ref
            session.status = "active"
            await db.commit()
        metrics.incr("sessions.started")
        asyncio.create_task(self._notify.send_receipt(req.user_id, session.id, quote.amount_cents))
        return session

    async def extend(self, session_id: int, extra_minutes: int, customer_token: str) -> ParkingSession:
        async with self._sessions() as db:
            repo = SessionRepository(db)
            session = await repo.get(session_id)
            if session is None or session.status != "active":
                raise SessionError("session is not active")
            rate = await self._tariffs.current_rate(session.zone_id)
            amount = (rate * extra_minutes + 59) // 60
            await self._payments.charge(
                subject="session", subject_id=session.id, amount_cents=amount, customer_token=customer_token
            )
            session.ends_at = session.ends_at + timedelta(minutes=extra_minutes)
            session.amount_cents += amount
            await db.commit()
            return session

    async def stop(self, session_id: int, user_id: int) -> ParkingSession:
        async with self._sessions() as db, db.begin():
            session = await SessionRepository(db).get_for_update(session_id)
            if session is None or session.user_id != user_id:
                raise SessionError("unknown session")
            if session.status in ("active", "grace"):
                session.status = "stopped"
                session.ends_at = utcnow()
            return session

    async def enter_garage(self, user_id: int, plate: str, zone_id: int, gate_id: str) -> ParkingSession:
        key = f"garage:{zone_id}:free"
        free = int(await self._redis.get(key) or 0)
        if free <= 0:
            raise GarageFull(zone_id)
        async with self._sessions() as db:
            zones = ZoneRepository(db)
            occupied = await SessionRepository(db).occupied_bays(zone_id)
            bay = await zones.free_bay(zone_id, occupied)
            if bay is None:
                raise GarageFull(zone_id)
            async with locks.bay_lock(bay.id):
                async with locks.zone_lock(zone_id):
                    now = utcnow()
                    session = ParkingSession(
                        user_id=user_id,
                        plate=normalize_plate(plate),
                        zone_id=zone_id,
                        bay_id=bay.id,
                        started_at=now,
                        ends_at=now + timedelta(hours=24),
                        status="active",
                    )
                    SessionRepository(db).add(session)
                    await db.commit()
        await self._redis.set(key, free - 1)
        if not await self._barrier.open_gate(gate_id):
            log.error("gate %s did not confirm opening for session %s", gate_id, session.id)
        return session
