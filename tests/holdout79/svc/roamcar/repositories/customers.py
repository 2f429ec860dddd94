from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select, update

from ..models import Customer
from .base import BaseRepository


class CustomerRepository(BaseRepository[Customer]):
    model = Customer

    async def by_email(self, email: str) -> Customer | None:
        stmt = select(Customer).where(Customer.email == email.strip().lower())
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def by_ids(self, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Customer]:
        if not ids:
            return {}
        rows = (await self._session.execute(select(Customer).where(Customer.id.in_(ids)))).scalars().all()
        return {customer.id: customer for customer in rows}

    async def add_credit(self, customer_id: uuid.UUID, amount_cents: int) -> int:
        customer = await self._session.get(Customer, customer_id)
        if customer is None:
            raise LookupError(customer_id)
        customer.credit_cents = customer.credit_cents + amount_cents
        await self._session.commit()
        return customer.credit_cents

    async def spend_credit(self, customer_id: uuid.UUID, amount_cents: int) -> int | None:
        """Deduct credit if the balance covers it; returns the new balance or None."""
        stmt = (
            update(Customer)
            .where(Customer.id == customer_id, Customer.credit_cents >= amount_cents)
            .values(credit_cents=Customer.credit_cents - amount_cents)
            .returning(Customer.credit_cents)
        )
        balance = (await self._session.execute(stmt)).scalar_one_or_none()
        await self._session.commit()
        return balance

    async def set_kyc(self, customer_id: uuid.UUID, status: str, check_id: str | None = None) -> None:
        values: dict[str, object] = {"kyc_status": status}
        if check_id is not None:
            values["kyc_check_id"] = check_id
        await self._session.execute(update(Customer).where(Customer.id == customer_id).values(**values))
        await self._session.commit()
