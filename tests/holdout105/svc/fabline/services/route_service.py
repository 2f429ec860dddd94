"""Route queries: remaining work, next operation, metrology plan."""
from __future__ import annotations

import logging

from fabline.core.errors import NotFound
from fabline.models.route import Route
from fabline.repositories.route_repo import RouteRepository

logger = logging.getLogger(__name__)


class RouteService:
    def __init__(self, routes: RouteRepository) -> None:
        self.routes = routes

    async def require(self, route_id: int) -> Route:
        route = await self.routes.get_route(route_id)
        if route is None:
            raise NotFound(f"route {route_id}")
        return route

    @staticmethod
    def remaining_minutes(route: Route, step_index: int) -> int:
        return sum(s.std_minutes or DEFAULT_STD_MINUTES for s in route.steps[step_index:])

    async def describe(self, route_id: int) -> dict:
        route = await self.require(route_id)
        plan: dict[str, list[dict]] = {}
        for step_type in ("PROCESS", "METROLOGY"):
            steps = await self.routes.steps_of_type(route_id, step_type)
            plan[step_type] = [
                {"seq": s.seq, "operation": s.operation, "tool_type": s.tool_type} for s in steps
            ]
        return {"route": route.name, "revision": route.revision, "plan": plan}

    async def next_operation(self, route_id: int, step_index: int) -> dict | None:
        route = await self.require(route_id)
        if step_index >= len(route.steps):
            logger.info("route %s complete at step %d", route.name, step_index)
            return None
        step = route.steps[step_index]
        return {
            "seq": step.seq,
            "operation": step.operation,
            "tool_type": step.tool_type,
            "recipe": step.recipe_name,
        }


DEFAULT_STD_MINUTES = 45
