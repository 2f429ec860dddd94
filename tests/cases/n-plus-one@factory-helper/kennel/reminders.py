"""Vaccination reminders: the owners to e-mail for a list of dogs."""
from __future__ import annotations

from sqlalchemy import select

from .database import session_factory
from .models import Dog, Owner


async def reminder_emails(dog_ids: list[int]) -> list[str]:
    async with session_factory()() as session:
        dogs = (await session.scalars(select(Dog).where(Dog.id.in_(dog_ids)))).all()
        emails = []
        for dog in dogs:
            owner = await session.get(Owner, dog.owner_id)  # expect: n-plus-one
            if owner is not None:
                emails.append(owner.email)
        return emails


async def reminder_emails_batched(dog_ids: list[int]) -> list[str]:
    async with session_factory()() as session:
        dogs = (await session.scalars(select(Dog).where(Dog.id.in_(dog_ids)))).all()
        owner_ids = {dog.owner_id for dog in dogs}
        owners = await session.scalars(select(Owner).where(Owner.id.in_(owner_ids)))
        return [owner.email for owner in owners]
