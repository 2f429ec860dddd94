"""Route and route-step lookup."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from fabline.models.route import Route, RouteStep


class RouteRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_route(self, route_id: int) -> Route | None:
        stmt = select(Route).where(Route.id == route_id).options(selectinload(Route.steps))
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def get_routes(self, route_ids: Iterable[int]) -> dict[int, Route]:
        ids = set(route_ids)
        if not ids:
            return {}
        stmt = select(Route).where(Route.id.in_(ids)).options(selectinload(Route.steps))
        return {r.id: r for r in (await self.session.scalars(stmt)).all()}

    async def get_step(self, route_id: int, seq: int) -> RouteStep | None:
        stmt = select(RouteStep).where(RouteStep.route_id == route_id, RouteStep.seq == seq)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def steps_of_type(self, route_id: int, step_type: str) -> list[RouteStep]:
        stmt = (
            select(RouteStep)
            .where(RouteStep.route_id == route_id, RouteStep.step_type == step_type)
            .order_by(RouteStep.seq)
        )
        return list((await self.session.scalars(stmt)).all())

    async def route_ids_using_tool_type(self, tool_type: str) -> list[int]:
        stmt = select(RouteStep.route_id).where(RouteStep.tool_type == tool_type).distinct()
        return list((await self.session.scalars(stmt)).all())
