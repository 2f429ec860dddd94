"""Helpers that change loaded rows; the caller decides when to write them."""
from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession


async def set_state(session: AsyncSession, shipment, state: str, note: str | None = None) -> None:
    shipment.state = state
    shipment.note = note
    session.add(shipment)
