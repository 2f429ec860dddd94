"""Lot tracking: moves, listings, cached lot cards."""
from __future__ import annotations

import json
import logging

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession

from fabline.core.errors import Conflict, LotOnHold, NotFound
from fabline.models.lot import Lot
from fabline.models.route import RouteStep
from fabline.repositories.lot_repo import LotRepository
from fabline.repositories.route_repo import RouteRepository

logger = logging.getLogger(__name__)
LOT_CARD_TTL = 60


def lot_card(lot: Lot) -> dict:
    return {
        "id": lot.id,
        "lot_number": lot.lot_number,
        "product": lot.product,
        "status": lot.status,
        "step_index": lot.step_index,
        "priority": lot.priority,
        "due_at": lot.due_at.isoformat(),
    }


class LotService:
    def __init__(self, session: AsyncSession, redis: aioredis.Redis) -> None:
        self.session = session
        self.redis = redis
        self.lots = LotRepository(session)
        self.routes = RouteRepository(session)

    async def list_with_route(self, limit: int = 200) -> list[dict]:
        lots = await self.lots.list_active(limit=limit)
        out = []
        for lot in lots:
            route = await self.routes.get_route(lot.route_id)
            card = lot_card(lot)
            card["route"] = route.name if route else None
            card["steps_total"] = len(route.steps) if route else 0
            out.append(card)
        return out

    async def list_with_route_batched(self, limit: int = 200) -> list[dict]:
        lots = await self.lots.list_active(limit=limit)
        routes = await self.routes.get_routes(lot.route_id for lot in lots)
        out = []
        for lot in lots:
            route = routes.get(lot.route_id)
            out.append({**lot_card(lot), "route": route.name if route else None})
        return out

    async def get_card(self, lot_id: int) -> dict:
        key = f"lotcard:{lot_id}"
        cached = await self.redis.get(key)
        if cached:
            return json.loads(cached)
        lot = await self.lots.get(lot_id)
        if lot is None:
            raise NotFound(f"lot {lot_id}")
        card = lot_card(lot)
        await self.redis.set(key, json.dumps(card), ex=LOT_CARD_TTL)
        return card

    async def current_step(self, lot_id: int) -> RouteStep | None:
        lot = await self.lots.get(lot_id)
        if lot is None:
            return None
        return await self.routes.get_step(lot.route_id, lot.step_index)

    async def move_to_next_step(self, lot_id: int, user: str) -> dict:
        lot = await self.lots.get(lot_id)
        if lot is None:
            raise NotFound(f"lot {lot_id}")
        if lot.status == "HOLD":
            raise LotOnHold(lot.lot_number)
        lot.step_index = lot.step_index + 1
        lot.current_tool_id = None
        await self.session.commit()
        await self.redis.delete(f"lotcard:{lot_id}")
        await self._publish(lot, "MOVED", user)
        return lot_card(lot)

    async def track_out(self, lot_id: int, expected_step: int, user: str) -> None:
        if not await self.lots.advance_step(lot_id, expected_step):
            raise Conflict(f"lot {lot_id} is no longer at step {expected_step}")
        await self.session.commit()
        await self.redis.delete(f"lotcard:{lot_id}")
        logger.info("lot %s tracked out of step %d by %s", lot_id, expected_step, user)

    async def _publish(self, lot: Lot, event: str, user: str) -> None:
        payload = {"lot_id": lot.id, "event": event, "step": lot.step_index, "by": user}
        await self.redis.publish("lot-events", json.dumps(payload))
