from __future__ import annotations

import logging

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from labels import rows
from labels.carrier import CarrierClient, CarrierRefused

log = logging.getLogger(__name__)


class LabelService:
    def __init__(self, carrier: CarrierClient) -> None:
        self._carrier = carrier

    async def purchase(self, session: AsyncSession, shipment) -> None:
        try:
            url = await self._carrier.buy_label(shipment.id, shipment.weight_g)
        except CarrierRefused:  # expect: logging-gap
            await rows.set_state(session, shipment, "refused")
            await session.commit()
            return
        await rows.set_state(session, shipment, "labelled")
        shipment.label_url = url
        await session.commit()

    async def repurchase(self, session: AsyncSession, shipment) -> None:
        try:
            url = await self._carrier.buy_label(shipment.id, shipment.weight_g)
        except httpx.HTTPError:  # expect: logging-gap
            await rows.set_state(session, shipment, "carrier_down")
            await session.flush()
            return
        shipment.label_url = url
        await session.commit()

    async def purchase_logged(self, session: AsyncSession, shipment) -> None:
        try:
            url = await self._carrier.buy_label(shipment.id, shipment.weight_g)
        except CarrierRefused as exc:
            log.warning("carrier refused shipment %s: %s", shipment.id, exc)
            await rows.set_state(session, shipment, "refused")
            await session.commit()
            return
        shipment.label_url = url
        await session.commit()

    async def purchase_with_reason(self, session: AsyncSession, shipment) -> None:
        try:
            url = await self._carrier.buy_label(shipment.id, shipment.weight_g)
        except CarrierRefused as exc:
            await rows.set_state(session, shipment, "refused", note=str(exc))
            await session.commit()
            return
        shipment.label_url = url
        await session.commit()

    async def purchase_or_retry_later(self, session: AsyncSession, shipment) -> None:
        try:
            url = await self._carrier.buy_label(shipment.id, shipment.weight_g)
        except httpx.HTTPError:
            await session.rollback()
            await session.commit()
            return
        shipment.label_url = url
        await session.commit()
