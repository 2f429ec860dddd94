from __future__ import annotations

import logging
from datetime import date

from fastapi import APIRouter, Depends, Query
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients import PaymentDeclined, PaymentError
from ..deps import current_member, get_billing, get_session, get_subscriptions, require_staff
from ..errors import NotFound, PaymentRequired, UpstreamUnavailable
from ..models import Member
from ..repositories.bookings import BookingRepository
from ..repositories.invoices import InvoiceRepository
from ..repositories.members import MemberRepository
from ..schemas import InvoiceOut, MemberOut, PlanChangeIn
from ..services.billing_service import BillingService
from ..services.subscriptions import SubscriptionService
from ..utils.resilience import CircuitOpen

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/members", tags=["members"])


@router.get("/search", response_model=list[MemberOut])
async def search_members(q: str = Query(min_length=2, max_length=80), _staff: Member = Depends(require_staff),
                         session: AsyncSession = Depends(get_session)) -> list[MemberOut]:
    return [MemberOut.model_validate(m) for m in await MemberRepository(session).search(q)]


@router.get("/me", response_model=MemberOut)
async def me(member: Member = Depends(current_member)) -> MemberOut:
    return MemberOut.model_validate(member)


@router.get("/me/plan")
async def my_plan(member: Member = Depends(current_member),
                  subscriptions: SubscriptionService = Depends(get_subscriptions)) -> dict:
    return await subscriptions.plan_for(member.id)


@router.put("/me/plan")
async def change_plan(body: PlanChangeIn, member: Member = Depends(current_member),
                      subscriptions: SubscriptionService = Depends(get_subscriptions)) -> dict:
    sub = await subscriptions.change_plan(member.id, body.plan_code, date.today())
    return {"plan_id": sub.plan_id, "room_credits_remaining": str(sub.room_credits_remaining)}


@router.get("/me/invoices", response_model=list[InvoiceOut])
async def my_invoices(before: int | None = Query(default=None), member: Member = Depends(current_member),
                      session: AsyncSession = Depends(get_session)) -> list[InvoiceOut]:
    invoices = await InvoiceRepository(session).for_member(member.id, before_id=before)
    return [InvoiceOut.model_validate(i) for i in invoices]


@router.post("/me/invoices/{invoice_id}/pay", response_model=InvoiceOut)
async def pay_invoice(invoice_id: int, member: Member = Depends(current_member),
                      session: AsyncSession = Depends(get_session),
                      billing: BillingService = Depends(get_billing)) -> InvoiceOut:
    invoice = await InvoiceRepository(session).get(invoice_id)
    if invoice is None or invoice.member_id != member.id:
        raise NotFound("invoice not found")
    try:
        await billing.charge(invoice, member)
    except PaymentDeclined as exc:
        logger.info("invoice %s declined for member %s: %s", invoice_id, member.id, exc.code)
        raise PaymentRequired("your card was declined", decline_code=exc.code) from exc
    except (PaymentError, CircuitOpen) as exc:
        raise UpstreamUnavailable("payment provider unavailable, please try again shortly") from exc
    await session.commit()
    return InvoiceOut.model_validate(invoice)


@router.post("/me/bookings/{booking_id}/refund")
async def refund_booking(booking_id: int, invoice_id: int, member: Member = Depends(current_member),
                         session: AsyncSession = Depends(get_session),
                         billing: BillingService = Depends(get_billing)) -> dict:
    booking = await BookingRepository(session).get(booking_id)
    invoice = await InvoiceRepository(session).get(invoice_id)
    if booking is None or invoice is None or booking.member_id != member.id or invoice.member_id != member.id:
        raise NotFound("booking or invoice not found")
    refund = await billing.refund_booking(booking, invoice)
    return {"refund_id": refund.get("id"), "status": refund.get("status")}
