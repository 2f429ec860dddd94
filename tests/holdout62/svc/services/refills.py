"""Prescription refill requests from the owner portal."""
from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Prescription
from svc.db.pg import pool
from svc.repositories import inventory
from svc.services.pharmacy import OutOfStock

log = logging.getLogger(__name__)


class RefillRefused(Exception):
    pass


async def request_refill(session: AsyncSession, prescription_id: int, owner_id: int) -> int:
    rx = await session.get(Prescription, prescription_id)
    if rx is None:
        raise RefillRefused("unknown prescription")
    if rx.expires_on < date.today():
        raise RefillRefused("prescription expired")
    if rx.refills_used >= rx.refills_allowed:
        raise RefillRefused("no refills left")
    on_hand = await inventory.get_quantity(rx.clinic_id, rx.drug_id)
    if on_hand < rx.quantity:
        raise OutOfStock(f"drug {rx.drug_id}")
    async with pool().acquire() as conn:
        request_id = await conn.fetchval(
            "INSERT INTO refill_requests (prescription_id, owner_id) VALUES ($1, $2) RETURNING id",
            prescription_id,
            owner_id,
        )
    rx.refills_used = rx.refills_used + 1
    await session.commit()
    return request_id


async def consume_refill(session: AsyncSession, prescription_id: int) -> bool:
    result = await session.execute(
        update(Prescription)
        .where(Prescription.id == prescription_id, Prescription.refills_used < Prescription.refills_allowed)
        .values(refills_used=Prescription.refills_used + 1)
        .returning(Prescription.id)
    )
    await session.commit()
    return result.scalar_one_or_none() is not None


async def fill_from_stock(clinic_id: int, drug_id: int, qty: int) -> None:
    on_hand = await inventory.get_quantity(clinic_id, drug_id)
    if on_hand < qty:
        raise OutOfStock(f"drug {drug_id}")
    await inventory.set_quantity(clinic_id, drug_id, on_hand - qty)


async def expiring_soon(session: AsyncSession, pet_ids: list[int], before: date) -> list[Prescription]:
    stmt = select(Prescription).where(Prescription.pet_id.in_(pet_ids), Prescription.expires_on < before)
    return list((await session.scalars(stmt)).all())
