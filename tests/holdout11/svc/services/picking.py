"""Wave planning, pick lists, claims and pick-path ordering."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import selectinload

from svc.db.inventory_repo import InventoryRepository
from svc.db.models import PickLine, PickList, Wave
from svc.db.orders_repo import OrderRepository
from svc.errors import NotFoundError
from svc.services.inventory import InventoryService

logger = logging.getLogger(__name__)

WAVE_DEFAULTS: dict[str, int] = {"max_orders": 150, "lines_per_list": 40, "tote_capacity": 12}


class PickingService:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], orders: OrderRepository, stock: InventoryRepository,
        inventory: InventoryService,
    ) -> None:
        self._sessions = sessions
        self._orders = orders
        self._stock = stock
        self._inventory = inventory
        self._wave_lock = asyncio.Lock()
        self._stock_lock = asyncio.Lock()

    async def create_wave(self, max_orders: int | None = None) -> int:
        orders = await self._orders.orders_ready_for_wave(max_orders or WAVE_DEFAULTS["max_orders"])
        if not orders:
            raise NotFoundError("no allocated orders are waiting for a wave")
        order_ids = [order["id"] for order in orders]
        async with self._wave_lock, self._stock_lock:
            async with self._sessions() as session:
                wave = Wave(status="planned")
                session.add(wave)
                await session.flush()
                await self._orders.assign_wave(wave.id, order_ids)
                lines_by_order = await self._orders.lines_for_orders(order_ids)
                for chunk in self._chunk(lines_by_order, WAVE_DEFAULTS["lines_per_list"]):
                    lines = [PickLine(bin_id=bin_id, sku=sku, qty=qty) for bin_id, sku, qty in chunk]
                    session.add(PickList(wave_id=wave.id, lines=lines))
                await session.commit()
        logger.info("wave %d planned with %d orders", wave.id, len(order_ids))
        return wave.id

    @staticmethod
    def _chunk(lines_by_order: dict[int, list[Any]], size: int) -> Iterator[list[tuple[int, str, int]]]:
        flat = [(line["bin_id"], line["sku"], line["qty"]) for lines in lines_by_order.values() for line in lines]
        for start in range(0, len(flat), size):
            yield flat[start : start + size]

    async def cancel_pick_list(self, pick_list_id: int) -> None:
        async with self._stock_lock:
            async with self._sessions() as session:
                pick_list = await session.get(PickList, pick_list_id, options=[selectinload(PickList.lines)])
                if pick_list is None:
                    raise NotFoundError(f"pick list {pick_list_id} not found")
                await self._stock.release_lines(
                    [(line.bin_id, line.sku, line.qty - line.picked_qty) for line in pick_list.lines]
                )
                pick_list.status = "cancelled"
                await session.commit()
            await self._reopen_wave(pick_list.wave_id)

    async def _reopen_wave(self, wave_id: int) -> None:
        async with self._wave_lock:
            async with self._sessions() as session:
                await session.execute(
                    update(Wave).where(Wave.id == wave_id, Wave.status == "released").values(status="open")
                )
                await session.commit()

    async def claim(self, pick_list_id: int, picker_id: str) -> bool:
        async with self._sessions() as session:
            result = await session.execute(
                update(PickList)
                .where(PickList.id == pick_list_id, PickList.picker_id.is_(None))
                .values(picker_id=picker_id, status="picking")
            )
            await session.commit()
        return result.rowcount == 1

    async def wave_summary(self, wave_id: int) -> dict[str, Any]:
        async with self._sessions() as session:
            wave = await session.get(Wave, wave_id, options=[selectinload(Wave.pick_lists)])
            if wave is None:
                raise NotFoundError(f"wave {wave_id} not found")
            lists = []
            for pick_list in wave.pick_lists:
                lines = await pick_list.awaitable_attrs.lines
                picked = sum(line.picked_qty for line in lines)
                lists.append({"id": pick_list.id, "picker": pick_list.picker_id, "picked": picked})
        return {"wave": wave.id, "status": wave.status, "pick_lists": lists}

    async def wave_sku_totals(self, wave_id: int) -> dict[str, int]:
        """Units per SKU for the wave, in first-seen order, for the bulk-pick sheet."""
        skus: list[str] = []
        totals: dict[str, int] = {}
        for order_id in await self._orders.order_ids_for_wave(wave_id):
            for line in await self._orders.lines_for_order(order_id):
                if line["sku"] not in skus:
                    skus.append(line["sku"])
                totals[line["sku"]] = totals.get(line["sku"], 0) + line["qty"]
        return {sku: totals[sku] for sku in skus}

    async def tote_plan(self, pick_list_id: int) -> list[list[dict[str, Any]]]:
        """Split a pick list into totes, walking the pick face in a serpentine path."""
        async with self._sessions() as session:
            pick_list = await session.get(PickList, pick_list_id, options=[selectinload(PickList.lines)])
        if pick_list is None:
            raise NotFoundError(f"pick list {pick_list_id} not found")
        sequence = await self._inventory.bins_in_zone("PICK")
        if pick_list.id % 2:
            sequence.reverse()
        position = {bin_id: index for index, bin_id in enumerate(sequence)}
        queue = sorted(pick_list.lines, key=lambda line: position.get(line.bin_id, len(position)))
        totes: list[list[dict[str, Any]]] = [[]]
        while queue:
            line = queue.pop(0)
            if len(totes[-1]) == WAVE_DEFAULTS["tote_capacity"]:
                totes.append([])
            totes[-1].append({"bin_id": line.bin_id, "sku": line.sku, "qty": line.qty - line.picked_qty})
        return totes
