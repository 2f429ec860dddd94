"""Pricing of finished sessions, payment authorisation/capture and roaming CDRs."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.cache import TariffCache
from svc.clients.notifications import FleetWebhookService, NotificationService
from svc.clients.payments import PaymentGateway
from svc.db.models import ChargingSession, Payment, RoamingCdr
from svc.db.repositories.billing import CdrRepository, PaymentRepository
from svc.db.repositories.catalog import TariffRepository
from svc.db.repositories.drivers import DriverRepository
from svc.db.repositories.sessions import SessionRepository
from svc.errors import NotFoundError, PaymentDeclined
from svc.services.tariffs import TariffService
from svc.utils.timeutil import isoformat_z, minutes_between, utcnow

log = logging.getLogger(__name__)


class BillingService:
    def __init__(
        self,
        db: AsyncSession,
        *,
        tariff_service: TariffService,
        tariff_cache: TariffCache,
        gateway: PaymentGateway,
        webhooks: FleetWebhookService,
        notifier: NotificationService,
    ) -> None:
        self._sessions = SessionRepository(db)
        self._drivers = DriverRepository(db)
        self._tariffs = TariffRepository(db)
        self._payments = PaymentRepository(db)
        self._cdrs = CdrRepository(db)
        self._tariff_service = tariff_service
        self._tariff_cache = tariff_cache
        self._gateway = gateway
        self._webhooks = webhooks
        self._notifier = notifier

    async def finalize(self, session_id: int) -> None:
        """Price a stopped session and start collecting the money for it."""
        session = await self._sessions.get(session_id)
        if session is None:
            raise NotFoundError(f"session {session_id} not found")
        tariff = await self._tariff_cache.get(session.tariff_id, self._tariffs.get)
        if tariff is None:
            raise NotFoundError(f"tariff {session.tariff_id} not found")
        energy_wh = (session.meter_stop_wh or session.meter_start_wh) - session.meter_start_wh
        energy_kwh = Decimal(energy_wh) / 1000
        minutes = int(minutes_between(session.started_at, session.stopped_at or utcnow()))
        quote = await self._tariff_service.quote(
            tariff.id, energy_kwh=energy_kwh, minutes=minutes, idle_minutes=session.idle_minutes
        )
        session.cost_cents = quote.total_cents
        session.status = "billed"

        if session.roaming_party:
            await self._cdrs.add(
                RoamingCdr(session_id=session.id, party_id=session.roaming_party, payload=_cdr(session, quote.currency))
            )
            return
        if session.driver_id is None:
            return
        driver = await self._drivers.require(session.driver_id)
        if driver.payment_method_token is None:
            await self._drivers.debit_wallet(driver.id, quote.total_cents)
        else:
            auth = await self._gateway.authorize(driver.payment_method_token, quote.total_cents, f"auth-{session.id}")
            await self._payments.create_pending(
                session_id=session.id,
                driver_id=driver.id,
                amount_cents=quote.total_cents,
                currency=quote.currency,
                provider_ref=auth["id"],
                idempotency_key=f"session-{session.id}",
            )
        summary = f"{energy_wh / 1000:.1f} kWh, {quote.total_cents / 100:.2f} {quote.currency}"
        await self._notifier.notify_driver(driver, "Charging complete", summary, session_id=str(session.id))
        await self._webhooks.session_completed(session)


def _cdr(session: ChargingSession, currency: str) -> dict[str, Any]:
    return {
        "id": f"CDR-{session.id}",
        "start_date_time": isoformat_z(session.started_at),
        "end_date_time": isoformat_z(session.stopped_at or utcnow()),
        "cdr_token": {"uid": session.id_tag, "type": "RFID"},
        "cdr_location": {"evse_uid": session.chargepoint_id},
        "currency": currency,
        "total_energy": ((session.meter_stop_wh or session.meter_start_wh) - session.meter_start_wh) / 1000,
        "total_cost": {"excl_vat": (session.cost_cents or 0) / 100},
    }


class PaymentService:
    """Captures pre-authorised payments; used by the capture worker and the back-office "capture now" action."""

    def __init__(self, gateway: PaymentGateway, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._gateway = gateway
        self._session_factory = session_factory
        self._capture_lock = asyncio.Lock()
        self._in_flight: set[int] = set()

    async def capture(self, payment_id: int) -> bool:
        async with self._session_factory() as db, db.begin():
            repo = PaymentRepository(db)
            payment = await repo.get(payment_id)
            if payment is None or payment.status != "pending":
                return False
            return await self.capture_payment(repo, payment)

    async def capture_payment(self, repo: PaymentRepository, payment: Payment) -> bool:
        async with self._capture_lock:
            if payment.id in self._in_flight:
                return False
            self._in_flight.add(payment.id)
            try:
                await self._gateway.capture(payment.provider_ref, payment.amount_cents, f"capture-{payment.id}")
            except PaymentDeclined as exc:
                await repo.mark_failed(payment.id, str(exc))
                return False
            finally:
                self._in_flight.discard(payment.id)
            await repo.mark_captured(payment.id, utcnow())
            return True
