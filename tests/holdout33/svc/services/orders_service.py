"""Order intake."""
from __future__ import annotations

import logging

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.reference import AddressValidator
from ..db.models import Order, OrderLine
from ..errors import ConflictError, NotFound
from ..repositories import order_repo, sku_repo
from ..schemas import OrderIn

log = logging.getLogger(__name__)


class OrderService:
    def __init__(self, address: AddressValidator) -> None:
        self._address = address

    async def create_order(self, session: AsyncSession, payload: OrderIn) -> Order:
        existing_id = await order_repo.id_for_external_ref(session, payload.external_ref)
        if existing_id is not None:
            raise ConflictError(f"order {payload.external_ref} already exists", details={"order_id": existing_id})

        ship_to = self._address.normalise(payload.ship_to)
        skus = await sku_repo.get_many_by_codes(session, [line.sku_code for line in payload.lines])
        unknown = sorted({line.sku_code for line in payload.lines} - skus.keys())
        if unknown:
            raise NotFound("unknown SKUs on order", details={"skus": unknown})

        order = Order(
            external_ref=payload.external_ref,
            warehouse_id=payload.warehouse_id,
            customer_id=payload.customer_id,
            priority=payload.priority,
            ship_by=payload.ship_by,
            ship_to=ship_to,
            status="ready",
        )
        order.lines = [OrderLine(sku_id=skus[line.sku_code].id, qty=line.qty) for line in payload.lines]
        session.add(order)
        try:
            await session.commit()
        except IntegrityError as exc:
            await session.rollback()
            raise ConflictError(f"order {payload.external_ref} already exists") from exc
        log.info("order %s accepted with %d lines", payload.external_ref, len(payload.lines))
        return order
