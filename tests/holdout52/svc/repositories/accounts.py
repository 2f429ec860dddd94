from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ..db.models import Account, Customer, KycStatus


async def get_account(session: AsyncSession, account_id: int) -> Account | None:
    return await session.get(Account, account_id)


async def get_account_for_update(session: AsyncSession, account_id: int) -> Account | None:
    stmt = select(Account).where(Account.id == account_id).with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


async def get_customer_with_accounts(session: AsyncSession, customer_id: int) -> Customer | None:
    stmt = select(Customer).where(Customer.id == customer_id).options(selectinload(Customer.accounts))
    return (await session.execute(stmt)).scalar_one_or_none()


async def accounts_for_customer(session: AsyncSession, customer_id: int) -> Sequence[Account]:
    stmt = select(Account).where(Account.customer_id == customer_id).order_by(Account.id)
    return (await session.execute(stmt)).scalars().all()


async def search_customers(session: AsyncSession, term: str, limit: int = 50) -> Sequence[Customer]:
    stmt = select(Customer).where(Customer.email.ilike(f"%{term}%")).order_by(Customer.id).limit(limit)
    return (await session.execute(stmt)).scalars().all()


async def customers_by_email_prefix(session: AsyncSession, prefix: str, limit: int = 20) -> Sequence[Customer]:
    stmt = select(Customer).where(Customer.email.like(f"{prefix.lower()}%")).order_by(Customer.email).limit(limit)
    return (await session.execute(stmt)).scalars().all()


async def set_kyc_status(session: AsyncSession, customer_id: int, status: KycStatus, reference: str | None) -> None:
    customer = await session.get(Customer, customer_id)
    if customer is None:
        return
    customer.kyc_status = status
    if reference is not None:
        customer.kyc_reference = reference


async def iter_active_accounts(session: AsyncSession, batch_size: int = 500) -> AsyncIterator[list[Account]]:
    last_id = 0
    while True:
        stmt = (
            select(Account)
            .where(Account.is_active.is_(True), Account.id > last_id)
            .order_by(Account.id)
            .limit(batch_size)
        )
        batch = list((await session.execute(stmt)).scalars().all())
        if not batch:
            return
        yield batch
        last_id = batch[-1].id


def _new_account_number() -> str:
    return "B" + "".join(secrets.choice("0123456789") for _ in range(9))


async def open_account(session: AsyncSession, customer_id: int, account_type: str = "cash") -> Account:
    account = Account(
        customer_id=customer_id,
        account_number=_new_account_number(),
        account_type=account_type,
        is_active=True,
    )
    session.add(account)
    await session.flush()
    return account
