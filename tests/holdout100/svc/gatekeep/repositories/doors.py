from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Controller, Door


async def get_door(session: AsyncSession, door_id: int) -> Door | None:
    return await session.get(Door, door_id)


async def doors_for_building(session: AsyncSession, building_id: int) -> list[Door]:
    result = await session.execute(select(Door).where(Door.building_id == building_id).order_by(Door.id))
    return list(result.scalars())


async def get_controller(session: AsyncSession, controller_id: int) -> Controller | None:
    return await session.get(Controller, controller_id)


async def controllers_by_ids(session: AsyncSession, ids: Iterable[int]) -> dict[int, Controller]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    result = await session.execute(select(Controller).where(Controller.id.in_(wanted)))
    return {c.id: c for c in result.scalars()}


async def list_controllers(session: AsyncSession, site_building_ids: list[int] | None = None) -> list[Controller]:
    stmt = select(Controller).order_by(Controller.id)
    if site_building_ids is not None:
        stmt = stmt.where(Controller.building_id.in_(site_building_ids))
    result = await session.execute(stmt)
    return list(result.scalars())


async def door_index(session: AsyncSession) -> dict[tuple[str, int], Door]:
    stmt = select(Door, Controller.serial).join(Controller, Controller.id == Door.controller_id)
    result = await session.execute(stmt)
    return {(serial, door.channel): door for door, serial in result.all()}


async def controller_sites(session: AsyncSession) -> dict[int, int]:
    from ..db.models import Building

    stmt = select(Controller.id, Building.site_id).join(Building, Building.id == Controller.building_id)
    return {cid: site_id for cid, site_id in (await session.execute(stmt)).all()}


async def set_controller_revision(session: AsyncSession, controller_id: int, revision: int) -> None:
    controller = await session.get(Controller, controller_id)
    if controller is not None and revision > controller.credential_revision:
        controller.credential_revision = revision
