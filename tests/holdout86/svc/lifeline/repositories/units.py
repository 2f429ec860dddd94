from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from lifeline.db.models import Component, Unit


class UnitRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, unit_id: int) -> Unit | None:
        return await self._session.get(Unit, unit_id)

    async def get_by_barcode(self, bag_barcode: str) -> Unit | None:
        stmt = select(Unit).where(Unit.bag_barcode == bag_barcode)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def list_by_lot(self, lot_number: str) -> list[Unit]:
        stmt = select(Unit).where(Unit.lot_number == lot_number).order_by(Unit.id)
        return list((await self._session.execute(stmt)).scalars())

    async def collected_between(self, start: datetime, end: datetime, after_id: int, limit: int) -> list[Unit]:
        stmt = (
            select(Unit)
            .where(Unit.collected_at >= start, Unit.collected_at < end, Unit.id > after_id)
            .order_by(Unit.id)
            .limit(limit)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def register(self, values: dict[str, Any]) -> int:
        stmt = (
            pg_insert(Unit)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["bag_barcode"])
            .returning(Unit.id)
        )
        return (await self._session.execute(stmt)).scalar_one_or_none() or 0

    async def set_status(self, unit_id: int, status: str, panel: str | None = None) -> None:
        values: dict[str, Any] = {"status": status}
        if panel is not None:
            values["test_panel"] = panel
        await self._session.execute(update(Unit).where(Unit.id == unit_id).values(**values))


class ComponentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, component_id: int) -> Component | None:
        return await self._session.get(Component, component_id)

    async def get_for_update(self, component_id: int) -> Component | None:
        stmt = select(Component).where(Component.id == component_id).with_for_update()
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def add_all(self, components: list[Component]) -> None:
        self._session.add_all(components)
        await self._session.flush()

    async def list_for_order(self, order_id: int) -> list[Component]:
        stmt = select(Component).where(Component.order_id == order_id)
        return list((await self._session.execute(stmt)).scalars())

    async def list_for_orders(self, order_ids: list[int]) -> dict[int, list[Component]]:
        grouped: dict[int, list[Component]] = {oid: [] for oid in order_ids}
        if not order_ids:
            return grouped
        stmt = select(Component).where(Component.order_id.in_(order_ids))
        for component in (await self._session.execute(stmt)).scalars():
            grouped[component.order_id].append(component)
        return grouped

    async def list_for_units(self, unit_ids: list[int]) -> list[Component]:
        stmt = select(Component).where(Component.unit_id.in_(unit_ids))
        return list((await self._session.execute(stmt)).scalars())

    async def available_matching(self, kind: str, groups: frozenset[tuple[str, str]], site_id: int) -> list[Component]:
        stmt = (
            select(Component)
            .where(Component.kind == kind, Component.status == "available", Component.site_id == site_id)
            .where(tuple_(Component.abo, Component.rh).in_(sorted(groups)))
            .order_by(Component.expires_at)
            .limit(200)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def count_available(self, site_id: int) -> dict[str, int]:
        stmt = (
            select(Component.kind, Component.abo, Component.rh, func.count())
            .where(Component.site_id == site_id, Component.status == "available")
            .group_by(Component.kind, Component.abo, Component.rh)
        )
        rows = (await self._session.execute(stmt)).all()
        return {f"{kind}:{abo}{rh}": n for kind, abo, rh, n in rows}

    async def count_available_by_group(self, kind: str, abo: str, rh: str) -> int:
        stmt = select(func.count()).where(
            Component.kind == kind, Component.abo == abo, Component.rh == rh, Component.status == "available"
        )
        return int((await self._session.execute(stmt)).scalar_one())

    async def expired_before(self, cutoff: datetime, limit: int = 1000) -> list[Component]:
        stmt = (
            select(Component)
            .where(Component.status == "available", Component.expires_at < cutoff)
            .limit(limit)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def mark(self, component_ids: list[int], status: str) -> None:
        await self._session.execute(
            update(Component).where(Component.id.in_(component_ids)).values(status=status)
        )
