"""Paying out approved refunds and closing tickets."""
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from refunds.gateway import CardGateway, Mailer
from refunds.models import Refund, RefundAttempt, Ticket


class NotAllowed(Exception):
    pass


class RefundService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], gateway: CardGateway, mailer: Mailer) -> None:
        self._sessions = sessions
        self._gateway = gateway
        self._mailer = mailer

    async def pay(self, refund_id: int) -> None:
        async with self._sessions() as session:
            refund = await session.get(Refund, refund_id)
        if refund.state != "approved":  # expect: race-condition
            raise NotAllowed("refund is not approved")
        ref = await self._gateway.refund(refund.card_token, refund.amount_cents)
        await self._settle(refund.id, ref)

    async def _settle(self, refund_id: int, ref: str) -> None:
        async with self._sessions() as session, session.begin():
            row = await session.get(Refund, refund_id, with_for_update=True)
            row.state = "paid"
            row.gateway_ref = ref

    async def pay_checked(self, refund_id: int) -> None:
        """The helper re-tests the state under its lock: the second caller stops there."""
        async with self._sessions() as session:
            refund = await session.get(Refund, refund_id)
        if refund.state != "approved":
            raise NotAllowed("refund is not approved")
        ref = await self._gateway.refund(refund.card_token, refund.amount_cents)
        await self._settle_if_approved(refund.id, ref)

    async def _settle_if_approved(self, refund_id: int, ref: str) -> None:
        async with self._sessions() as session, session.begin():
            row = await session.get(Refund, refund_id, with_for_update=True)
            if row.state != "approved":
                raise NotAllowed("settled concurrently")
            row.state = "paid"
            row.gateway_ref = ref

    async def retry(self, refund_id: int) -> None:
        """The helper sets the state of a new attempt row built from this one, not of this row."""
        async with self._sessions() as session:
            refund = await session.get(Refund, refund_id)
        if refund.state != "failed":
            raise NotAllowed("only failed refunds are retried")
        await self._mailer.send("ops@example.com", f"retrying refund {refund.id}")
        await self._queue_copy(refund)

    async def _queue_copy(self, refund: Refund) -> None:
        async with self._sessions() as session, session.begin():
            attempt = await self._stored(session, RefundAttempt(refund_id=refund.id, state="new"))
            attempt.state = "queued"

    @staticmethod
    async def _stored(session: AsyncSession, row: RefundAttempt) -> RefundAttempt:
        session.add(row)
        await session.flush()
        return row


class TicketService:
    def __init__(self, session: AsyncSession, mailer: Mailer) -> None:
        self._session = session
        self._mailer = mailer

    async def close(self, ticket_id: int) -> None:
        ticket = await self._session.get(Ticket, ticket_id)
        if ticket.status == "closed":  # expect: race-condition
            raise NotAllowed("already closed")
        await self._mailer.send(ticket.email, "Your ticket was closed")
        await self._mark(ticket, "closed")

    async def reopen(self, ticket_id: int) -> None:
        """Nothing is awaited between the check and the helper: no work is done twice."""
        ticket = await self._session.get(Ticket, ticket_id)
        if ticket.status != "closed":
            raise NotAllowed("not closed")
        await self._mark(ticket, "open")

    async def _mark(self, ticket: Ticket, status: str) -> None:
        ticket.status = status
        await self._session.commit()
