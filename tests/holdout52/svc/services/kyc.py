from __future__ import annotations

import asyncio
import logging

from fastapi import HTTPException
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.kyc_provider import KycProviderError, kyc_provider
from ..db.models import Customer, KycStatus
from ..repositories import accounts as accounts_repo
from . import audit

log = logging.getLogger(__name__)

_PROVIDER_STATUS = {
    "clear": KycStatus.APPROVED,
    "consider": KycStatus.REVIEW,
    "rejected": KycStatus.REJECTED,
}


class DuplicateCustomer(Exception):
    pass


async def onboard_customer(session: AsyncSession, email: str, full_name: str) -> Customer:
    customer = Customer(email=email.lower(), full_name=full_name, kyc_status=KycStatus.PENDING)
    session.add(customer)
    try:
        await session.flush()
    except IntegrityError as exc:
        await session.rollback()
        raise DuplicateCustomer(email) from exc
    try:
        check_id = await kyc_provider.submit_check(customer.id, full_name, email)
    except KycProviderError:
        await session.rollback()
        raise HTTPException(status_code=502, detail="identity verification is unavailable, try again later")
    customer.kyc_reference = check_id
    await session.commit()
    await audit.record("customer.onboarded", customer_id=customer.id)
    return customer


async def apply_provider_result(session: AsyncSession, check_id: str, provider_status: str, customer_id: int) -> None:
    status = _PROVIDER_STATUS.get(provider_status)
    if status is None:
        log.warning("unknown kyc status %r for check %s", provider_status, check_id)
        return
    await accounts_repo.set_kyc_status(session, customer_id, status, check_id)
    await session.commit()
    log.info("kyc check %s -> %s for customer %s", check_id, status.value, customer_id)


def require_approved(customer: Customer) -> None:
    if customer.kyc_status != KycStatus.APPROVED:
        raise HTTPException(status_code=403, detail="account is not yet verified")


_POLL_CONCURRENCY = 10


async def poll_pending_checks(session: AsyncSession, limit: int = 500) -> int:
    stmt = (
        select(Customer.id, Customer.kyc_reference)
        .where(Customer.kyc_status == KycStatus.PENDING, Customer.kyc_reference.is_not(None))
        .order_by(Customer.created_at)
        .limit(limit)
    )
    pending = (await session.execute(stmt)).all()
    gate = asyncio.Semaphore(_POLL_CONCURRENCY)

    async def fetch(check_id: str) -> str | None:
        async with gate:
            try:
                return await kyc_provider.check_result(check_id)
            except KycProviderError as exc:
                log.warning("kyc poll for %s failed: %s", check_id, exc)
                return None

    results = await asyncio.gather(*(fetch(ref) for _, ref in pending))
    updated = 0
    for (customer_id, check_id), provider_status in zip(pending, results):
        status = _PROVIDER_STATUS.get(provider_status or "")
        if status is not None:
            await accounts_repo.set_kyc_status(session, customer_id, status, check_id)
            updated += 1
    await session.commit()
    return updated
