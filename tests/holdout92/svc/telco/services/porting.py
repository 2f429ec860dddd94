from __future__ import annotations

import logging
from datetime import timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from telco.clients.hlr_gateway import HlrGatewayClient
from telco.clients.porting_clearinghouse import ClearinghouseClient, PortOrder
from telco.errors import NotFound, PortingRejected
from telco.models import PortRequest
from telco.repositories.balances import BalanceRepository
from telco.repositories.porting import PortingRepository
from telco.repositories.subscribers import SubscriberRepository
from telco.services.notifications import NotificationService
from telco.utils.msisdn import normalize_msisdn
from telco.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

PORT_IN_WINDOW = timedelta(days=1)


class PortingService:
    def __init__(
        self,
        clearinghouse: ClearinghouseClient,
        hlr: HlrGatewayClient,
        session_factory: async_sessionmaker[AsyncSession],
        balances: BalanceRepository,
        notifications: NotificationService,
        operator_id: str,
    ) -> None:
        self._clearinghouse = clearinghouse
        self._hlr = hlr
        self._session_factory = session_factory
        self._balances = balances
        self._notifications = notifications
        self._operator_id = operator_id

    async def request_port_in(self, subscriber_id: int, msisdn: str, donor: str, account_ref: str) -> PortRequest:
        msisdn = normalize_msisdn(msisdn)
        try:
            reference = await self._clearinghouse.submit_port_in(msisdn, donor, account_ref)
        except httpx.HTTPStatusError as exc:
            raise PortingRejected(f"clearinghouse refused port-in: {exc.response.status_code}")
        async with self._session_factory() as session, session.begin():
            return await PortingRepository(session).add(PortRequest(
                reference=reference, direction="in", msisdn=msisdn, donor=donor, recipient=self._operator_id,
                status="pending", deadline_at=utcnow() + PORT_IN_WINDOW, subscriber_id=subscriber_id,
            ))

    async def evaluate_port_out(self, order: PortOrder) -> tuple[bool, str | None]:
        async with self._session_factory() as session:
            subscriber = await SubscriberRepository(session).get_by_msisdn(order.msisdn)
            if subscriber is None:
                return False, "UNKNOWN_NUMBER"
            if subscriber.status not in ("active", "suspended"):
                return False, "NUMBER_NOT_ACTIVE"
            existing = await PortingRepository(session).open_for_msisdn(order.msisdn)
            if existing is not None and existing.reference != order.reference:
                return False, "PORT_IN_PROGRESS"
        balance = await self._balances.get(subscriber.id)
        if balance is not None and balance.reserved_cents > 0:
            return False, "ACTIVE_SESSION"
        return True, None

    async def handle_port_out(self, order: PortOrder) -> None:
        accepted, reason = await self.evaluate_port_out(order)
        await self._clearinghouse.respond(order.reference, accepted=accepted, reason=reason)
        async with self._session_factory() as session, session.begin():
            repo = PortingRepository(session)
            request = await repo.by_reference(order.reference)
            if request is None:
                request = await repo.add(PortRequest(
                    reference=order.reference, direction="out", msisdn=order.msisdn, donor=order.donor,
                    recipient=order.recipient, status="pending", deadline_at=order.deadline_at,
                ))
            await repo.set_status(request.id, "accepted" if accepted else "rejected")
        logger.info("port-out %s answered accept=%s reason=%s", order.reference, accepted, reason)

    async def complete_port_in(self, reference: str) -> None:
        async with self._session_factory() as session, session.begin():
            request = await PortingRepository(session).by_reference(reference)
            if request is None or request.subscriber_id is None:
                raise NotFound(f"port request {reference}")
            subscriber = await SubscriberRepository(session).get(request.subscriber_id)
            if subscriber is None:
                raise NotFound(f"subscriber {request.subscriber_id}")
            await PortingRepository(session).set_status(request.id, "completed")
            subscriber.msisdn = request.msisdn
            imsi = subscriber.imsi
        await self._hlr.change_msisdn(imsi, request.msisdn)
        await self._clearinghouse.confirm_cutover(reference)
        self._notifications.port_completed(request.msisdn)
        logger.info("port-in %s completed", reference)
