"""Stock management: receiving, counting, allocation and recalls."""
from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import DrugLot
from ..repositories.inventory import InventoryRepository
from ..utils.locks import lot_locks
from ..utils.timeutil import today_utc
from . import audit

log = logging.getLogger(__name__)

EXPIRY_BUFFER_DAYS = 30


class OutOfStock(Exception):
    pass


class DuplicateLot(Exception):
    pass


class InventoryService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.repo = InventoryRepository(session)

    async def receive(self, pharmacy_id: int, ndc: str, lot_number: str, expires_on: dt.date, quantity: int, unit_cost: Decimal) -> DrugLot:
        lot = DrugLot(
            pharmacy_id=pharmacy_id,
            ndc=ndc,
            lot_number=lot_number,
            expires_on=expires_on,
            quantity_on_hand=quantity,
            unit_cost=unit_cost,
        )
        self.session.add(lot)
        try:
            await self.session.commit()
        except IntegrityError:
            await self.session.rollback()
            raise DuplicateLot(f"lot {lot_number} of {ndc} already received at pharmacy {pharmacy_id}")
        return lot

    async def allocate(self, pharmacy_id: int, ndc: str, quantity: int, days_supply: int) -> list[tuple[DrugLot, int]]:
        """Take ``quantity`` units FEFO from lots that will not expire during the supply period."""
        not_before = today_utc() + dt.timedelta(days=days_supply)
        lots = await self.repo.lots_for_update(pharmacy_id, ndc, not_before=not_before)
        remaining = quantity
        picks: list[tuple[DrugLot, int]] = []
        for lot in lots:
            if remaining == 0:
                break
            take = min(lot.quantity_on_hand, remaining)
            if take <= 0:
                continue
            lot.quantity_on_hand -= take
            picks.append((lot, take))
            remaining -= take
        if remaining:
            raise OutOfStock(f"{ndc}: short by {remaining}")
        return picks

    async def adjust_count(self, lot_id: int, counted: int, user_id: int) -> DrugLot:
        lot = await self.session.get(DrugLot, lot_id)
        if lot is None:
            raise LookupError(lot_id)
        delta = counted - lot.quantity_on_hand
        await audit.record(f"user:{user_id}", "inventory.count", "lot", lot_id, delta=delta)
        lot.quantity_on_hand = lot.quantity_on_hand + delta
        await self.session.commit()
        return lot

    async def recall(self, lot_number: str, user_id: int) -> int:
        lots = await self.repo.by_lot_number(lot_number)
        for lot in lots:
            lot.quarantined = True
        await self.session.commit()
        await audit.record(f"user:{user_id}", "inventory.recall", "lot_number", lot_number, lots=[lot.id for lot in lots])
        return len(lots)

    async def valuation(self, pharmacy_id: int) -> dict[str, Decimal]:
        lots = await self.repo.all_for_pharmacy(pharmacy_id)
        ndcs: list[str] = []
        for lot in lots:
            if lot.ndc not in ndcs:
                ndcs.append(lot.ndc)
        totals: dict[str, Decimal] = {}
        for ndc in ndcs:
            totals[ndc] = sum((l.unit_cost * l.quantity_on_hand for l in lots if l.ndc == ndc), Decimal("0"))
        return totals

    async def short_dated(self, pharmacy_id: int) -> list[DrugLot]:
        cutoff = today_utc() + dt.timedelta(days=EXPIRY_BUFFER_DAYS)
        lots = await self.repo.all_for_pharmacy(pharmacy_id)
        return [lot for lot in lots if lot.expires_on <= cutoff and lot.quantity_on_hand > 0]

    async def substitute_between_lots(self, source_lot_id: int, target_lot_id: int, quantity: int, user_id: int) -> None:
        """Move units between two lots (e.g. repackaging a unit-dose lot into a bulk lot)."""
        source = await self.session.get(DrugLot, source_lot_id)
        target = await self.session.get(DrugLot, target_lot_id)
        if source is None or target is None:
            raise LookupError("unknown lot")
        async with lot_locks([source.ndc, target.ndc]):
            await self.session.refresh(source, with_for_update=True)
            await self.session.refresh(target, with_for_update=True)
            if source.quantity_on_hand < quantity:
                raise OutOfStock(f"lot {source.lot_number} has only {source.quantity_on_hand}")
            source.quantity_on_hand -= quantity
            target.quantity_on_hand += quantity
            await self.session.commit()
        await audit.record(f"user:{user_id}", "inventory.moved", "lot", source_lot_id, target=target_lot_id, qty=quantity)
